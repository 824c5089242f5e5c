// Dashboard texts in English and Simplified Chinese; the keys are used by data-i18n attributes and dashboard.js.
window.WAIHU_I18N = {
  "en": {
    title: "Waihu analytics", campaign: "Campaign", language: "Language", signIn: "Sign in", signOut: "Sign out",
    signInHelp: "Paste a bearer token (./waihu token --tenant T --role supervisor prints one).",
    budget: "Spend against budget", series: "Spend and answers by hour", carriers: "Carrier comparison",
    heatmap: "Best time to call (callee local time)", alerts: "Alerts", csv: "Download breakdown (CSV)",
    attempts: "Attempts", asr: "ASR", abandon: "Abandon rate", conversions: "Conversions", spend: "Spend",
    acd: "ACD", pdd: "PDD p50 / p95", contactRate: "Contact rate", costPerConversion: "Cost per conversion",
    answers: "Answers", answerRate: "Answer rate", carrier: "Carrier", costPerMinute: "Cost per minute",
    noBudget: "No budget set", used: "used", forecastEnd: "Forecast at end", exhaustsAt: "Budget runs out at",
    noAlerts: "No alerts", updated: "Updated", failed: "Could not load", noCampaigns: "No campaigns yet",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], window: "window",
    BudgetThresholdReached: "Budget threshold", BudgetExhausted: "Budget exhausted", SpendAnomaly: "Spend anomaly",
    unauthorized: "The token was refused; sign in again.",
    ROLLING_30_DAYS: "rolling 30 days", CALENDAR_DAY: "today"
  },
  "zh-CN": {
    title: "Waihu 外呼分析", campaign: "活动", language: "语言", signIn: "登录", signOut: "退出",
    signInHelp: "粘贴访问令牌（./waihu token --tenant T --role supervisor 可生成）。",
    budget: "预算消耗", series: "每小时花费与接通", carriers: "运营商对比",
    heatmap: "最佳拨打时间（被叫当地时间）", alerts: "告警", csv: "下载明细（CSV）",
    attempts: "呼叫次数", asr: "接通率 (ASR)", abandon: "放弃率", conversions: "转化数", spend: "花费",
    acd: "平均通话时长", pdd: "拨号后延迟 p50 / p95", contactRate: "联系率", costPerConversion: "单次转化成本",
    answers: "接通数", answerRate: "接通率", carrier: "运营商", costPerMinute: "每分钟成本",
    noBudget: "未设置预算", used: "已用", forecastEnd: "结束时预计花费", exhaustsAt: "预算预计耗尽于",
    noAlerts: "暂无告警", updated: "更新于", failed: "加载失败", noCampaigns: "暂无活动",
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], window: "窗口",
    BudgetThresholdReached: "预算阈值", BudgetExhausted: "预算耗尽", SpendAnomaly: "花费异常",
    unauthorized: "令牌被拒绝，请重新登录。",
    ROLLING_30_DAYS: "近 30 天", CALENDAR_DAY: "今日"
  }
};
