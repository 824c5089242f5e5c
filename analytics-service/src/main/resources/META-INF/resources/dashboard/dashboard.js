// Waihu analytics dashboard: plain JavaScript over /api/v1/analytics with the same bearer token as the API.
(function () {
  "use strict";
  var TOKEN_KEY = "waihu.token";
  var LANG_KEY = "waihu.lang";
  var REFRESH_MS = 10000;
  var API = "/api/v1/analytics";
  var charts = {};
  var lang = localStorage.getItem(LANG_KEY) || (navigator.language && navigator.language.indexOf("zh") === 0 ? "zh-CN" : "en");
  var timer = null;
  var last = null; // last data loaded, re-rendered on a language switch

  function t(key) { return (WAIHU_I18N[lang] || WAIHU_I18N.en)[key]; }
  function $(id) { return document.getElementById(id); }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function applyTexts() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    document.title = t("title");
    $("lang").value = lang;
  }

  function api(path) {
    return fetch(API + path, { headers: { "Authorization": "Bearer " + token(), "Accept": "application/json" } })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) { var e = new Error(t("unauthorized")); e.auth = true; throw e; }
        if (!r.ok) { throw new Error(r.status + " " + r.statusText); }
        return r.json();
      });
  }

  // Amounts stay strings (exact decimals) for display; charts get numbers only to draw.
  function money(list) {
    if (!list || list.length === 0) { return "–"; }
    return list.map(function (m) { return m.amount + " " + m.currency; }).join(" · ");
  }
  function pct(v) { return v === null || v === undefined ? "–" : v + "%"; }
  var animate = true;
  function chart(id) {
    if (!charts[id]) { charts[id] = echarts.init($(id)); }
    var c = charts[id];
    return { setOption: function (option, notMerge) { option.animation = animate; c.setOption(option, notMerge); } };
  }

  function showSignIn(message) {
    $("signin").hidden = false;
    $("board").hidden = true;
    $("signout").hidden = true;
    $("status").textContent = message || "";
    if (timer) { clearInterval(timer); timer = null; }
  }

  function start() {
    $("signin").hidden = true;
    $("board").hidden = false;
    $("signout").hidden = false;
    api("/campaigns?size=100").then(function (page) {
      var select = $("campaign");
      var previous = select.value || new URLSearchParams(location.search).get("campaign");
      select.innerHTML = "";
      page.items.forEach(function (c) {
        var o = document.createElement("option");
        o.value = c.campaignId;
        o.textContent = (c.name || c.campaignId) + " (" + c.status + ")";
        select.appendChild(o);
      });
      if (page.items.length === 0) { $("status").textContent = t("noCampaigns"); return; }
      if (previous && page.items.some(function (c) { return c.campaignId === previous; })) { select.value = previous; }
      refresh();
      if (!timer) { timer = setInterval(refresh, REFRESH_MS); }
    }).catch(fail);
  }

  function fail(e) {
    if (e.auth) { sessionStorage.removeItem(TOKEN_KEY); showSignIn(e.message); return; }
    $("status").textContent = t("failed") + ": " + e.message;
    $("status").className = "status error";
  }

  function refresh() {
    var id = $("campaign").value;
    if (!id) { return; }
    var q = "?campaignId=" + encodeURIComponent(id);
    Promise.all([
      api("/campaigns/" + encodeURIComponent(id) + "/overview"),
      api("/timeseries" + q + "&granularity=HOUR&size=500"),
      api("/carriers" + q + "&size=100"),
      api("/heatmap" + q),
      api("/alerts" + q + "&size=20"),
      api("/campaigns/" + encodeURIComponent(id) + "/forecast")
    ]).then(function (r) {
      last = { overview: r[0], series: r[1], carriers: r[2], heat: r[3], alerts: r[4], forecast: r[5] };
      render();
      $("status").className = "status";
      $("status").textContent = t("updated") + " " + new Date().toLocaleTimeString(lang);
    }).catch(fail);
  }

  function render() {
    if (!last) { return; }
    renderCards(last.overview);
    renderGauge(last.overview, last.forecast);
    renderSeries(last.series.items);
    renderCarriers(last.carriers.items);
    renderHeatmap(last.heat);
    renderAlerts(last.alerts.items);
    var id = $("campaign").value;
    $("csv").href = API + "/breakdown.csv?by=CARRIER&campaignId=" + encodeURIComponent(id);
  }

  function renderCards(o) {
    var m = o.metrics;
    var cards = [
      ["attempts", m.attempts], ["asr", pct(m.asrPercent)],
      ["abandon", pct(o.abandonWindow.ratePercent), t(o.abandonWindow.basis)],
      ["conversions", m.conversions], ["spend", money(m.cost)], ["acd", m.acdSeconds === null ? "–" : m.acdSeconds + " s"],
      ["pdd", (m.pddP50Ms === null ? "–" : m.pddP50Ms) + " / " + (m.pddP95Ms === null ? "–" : m.pddP95Ms) + " ms"],
      ["contactRate", pct(m.contactRatePercent)], ["costPerConversion", money(m.costPerConversion)]
    ];
    var box = $("cards");
    box.innerHTML = "";
    cards.forEach(function (c) {
      var div = document.createElement("div");
      div.className = "card";
      div.setAttribute("data-kpi", c[0]);
      var label = document.createElement("div"); label.className = "label";
      label.textContent = t(c[0]) + (c[2] ? " · " + c[2] : "");
      var value = document.createElement("div"); value.className = "value"; value.textContent = String(c[1]);
      div.appendChild(label); div.appendChild(value); box.appendChild(div);
    });
  }

  function renderGauge(o, f) {
    var b = o.budget;
    var used = b && b.percentUsed !== null ? Number(b.percentUsed) : 0;
    chart("gauge").setOption({
      series: [{
        type: "gauge", min: 0, max: Math.max(100, Math.ceil(used / 10) * 10),
        progress: { show: true }, axisLine: { lineStyle: { width: 12 } },
        detail: { formatter: b ? used + "%" : t("noBudget"), fontSize: 18 },
        data: [{ value: used, name: b ? b.spent.amount + " / " + b.budget.amount + " " + b.budget.currency : "" }]
      }]
    }, true);
    var notes = [];
    (f.runRate || []).forEach(function (r) {
      if (r.forecastAtEnd) { notes.push(t("forecastEnd") + ": " + r.forecastAtEnd.amount + " " + r.currency); }
      if (r.budgetExhaustedAt) { notes.push(t("exhaustsAt") + ": " + new Date(r.budgetExhaustedAt).toLocaleString(lang)); }
    });
    $("forecast").textContent = notes.join(" · ");
  }

  function renderSeries(points) {
    var hours = [];
    var currencies = {};
    points.forEach(function (p) {
      if (hours.indexOf(p.time) < 0) { hours.push(p.time); }
      p.cost.forEach(function (c) { currencies[c.currency] = true; });
    });
    var series = [{
      name: t("answers"), type: "bar", yAxisIndex: 1,
      data: hours.map(function (h) { return points.filter(function (p) { return p.time === h; })
        .reduce(function (s, p) { return s + p.answered; }, 0); })
    }];
    Object.keys(currencies).forEach(function (cur) {
      series.push({
        name: t("spend") + " " + cur, type: "line", smooth: true,
        data: hours.map(function (h) {
          var total = 0;
          points.filter(function (p) { return p.time === h; }).forEach(function (p) {
            p.cost.forEach(function (c) { if (c.currency === cur) { total += Number(c.amount); } });
          });
          return Math.round(total * 10000) / 10000;
        })
      });
    });
    chart("series").setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 50, right: 50, top: 40, bottom: 40 },
      xAxis: { type: "category", data: hours.map(function (h) { return new Date(h).toLocaleString(lang, { month: "2-digit", day: "2-digit", hour: "2-digit" }); }) },
      yAxis: [{ type: "value", name: t("spend") }, { type: "value", name: t("answers"), minInterval: 1 }],
      series: series
    }, true);
  }

  function renderCarriers(rows) {
    chart("carriers").setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: "category", data: rows.map(function (r) { return r.carrierId; }) },
      yAxis: [{ type: "value", name: "%", max: 100 }, { type: "value", name: t("costPerMinute") }],
      series: [
        { name: t("asr"), type: "bar", data: rows.map(function (r) { return r.asrPercent === null ? 0 : Number(r.asrPercent); }) },
        { name: t("costPerMinute"), type: "bar", yAxisIndex: 1,
          data: rows.map(function (r) { return r.costPerBilledMinute.length ? Number(r.costPerBilledMinute[0].amount) : 0; }) }
      ]
    }, true);
    var table = $("carrier-table");
    table.innerHTML = "";
    var head = document.createElement("tr");
    [t("carrier"), t("attempts"), t("asr"), t("acd"), t("costPerMinute"), t("costPerConversion"), t("spend")].forEach(function (h) {
      var th = document.createElement("th"); th.textContent = h; head.appendChild(th);
    });
    table.appendChild(head);
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      [r.carrierId, r.attempts, pct(r.asrPercent), r.acdSeconds === null ? "–" : r.acdSeconds + " s",
        money(r.costPerBilledMinute), money(r.costPerConversion), money(r.cost)].forEach(function (v) {
        var td = document.createElement("td"); td.textContent = String(v); tr.appendChild(td);
      });
      table.appendChild(tr);
    });
  }

  function renderHeatmap(cells) {
    var hours = [];
    for (var h = 0; h < 24; h++) { hours.push(String(h)); }
    chart("heatmap").setOption({
      tooltip: {
        formatter: function (p) {
          var c = p.data[3];
          return t("weekdays")[p.data[1]] + " " + p.data[0] + ":00 — " + t("answerRate") + " " + pct(c.answerRatePercent)
            + ", " + t("attempts") + " " + c.attempts + ", " + t("conversions") + " " + c.conversions;
        }
      },
      grid: { left: 60, right: 20, top: 10, bottom: 70 },
      xAxis: { type: "category", data: hours, splitArea: { show: true } },
      yAxis: { type: "category", data: t("weekdays"), splitArea: { show: true } },
      visualMap: { dimension: 2, min: 0, max: 100, calculable: true, orient: "horizontal", left: "center", bottom: 0, text: ["100%", t("answerRate") + " 0%"] },
      series: [{
        type: "heatmap", label: { show: false },
        data: cells.map(function (c) { return [c.hour, c.weekday - 1, c.answerRatePercent === null ? 0 : Number(c.answerRatePercent), c]; })
      }]
    }, true);
  }

  function renderAlerts(items) {
    var list = $("alerts");
    list.innerHTML = "";
    if (items.length === 0) {
      var none = document.createElement("li"); none.textContent = t("noAlerts"); list.appendChild(none); return;
    }
    items.forEach(function (a) {
      var li = document.createElement("li");
      li.setAttribute("data-alert", a.type);
      var kind = document.createElement("span"); kind.className = "kind"; kind.textContent = t(a.type) || a.type;
      var e = a.event;
      var text = a.type === "BudgetThresholdReached" ? e.thresholdPercent + "% — " + e.spent.amount + " / " + e.budget.amount + " " + e.budget.currency
        : a.type === "BudgetExhausted" ? e.spent.amount + " / " + e.budget.amount + " " + e.budget.currency
        : e.evidence;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(new Date(a.occurredAt).toLocaleString(lang) + " · " + text));
      list.appendChild(li);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    applyTexts();
    $("lang").addEventListener("change", function () {
      lang = $("lang").value;
      localStorage.setItem(LANG_KEY, lang);
      applyTexts();
      animate = false;
      render();
      animate = true;
      if (last) { $("status").textContent = t("updated") + " " + new Date().toLocaleTimeString(lang); }
    });
    $("campaign").addEventListener("change", refresh);
    $("signin-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $("token").value.trim().replace(/^Bearer\s+/i, ""));
      start();
    });
    $("signout").addEventListener("click", function () { sessionStorage.removeItem(TOKEN_KEY); showSignIn(""); });
    window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
    if (token()) { start(); } else { showSignIn(""); }
  });
})();
