package io.waihu.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.waihu.events.Services;
import io.waihu.events.Topics;
import io.waihu.events.crm.Consent;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.crm.Phone;
import io.waihu.events.crm.PhoneType;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One realistic campaign through the public APIs and topics only: carriers and tariffs (billing REST), contacts (the
 * import REST, or CRM events on Kafka), do-not-call entries, a rule pack and a campaign (campaign REST), simulated
 * agents (dialer REST), then the run itself, with outcomes posted the way an agent desktop would. The demo and the
 * end-to-end test both run it; the test then checks the figures it returns.
 */
public final class Scenario {

    /** What to run. */
    /**
     * @param runAtMost        the campaign's end date is this far from its start: it completes then at the latest
     * @param completeWhenIdle complete the campaign through REST once nothing has been dialable for a while, as a
     *                         supervisor would; otherwise the campaign completes by itself (list done, or end date)
     */
    public record Options(String tenant, int contacts, int agents, long seed, boolean contactsFromCrm,
                          CallingHours hours, Duration runAtMost, boolean completeWhenIdle, Consumer<String> progress) {
    }

    /** Which calling windows the campaign gets. */
    public enum CallingHours {
        /** 08:00–21:00 in the callee's zone every day: contacts where it is night now wait for their morning. */
        DAYTIME,
        /**
         * Four hours around Beijing's present time of day, every day: Chinese and Hong Kong numbers are callable
         * now, and those in New York, Los Angeles, London and Sydney are not, whenever the test runs.
         */
        AROUND_BEIJING_NOW
    }

    /** Everything the run produced, for the summary and for the end-to-end test's checks. */
    public record Result(String tenant, String campaignId, String campaignStatus, List<DemoContacts.GeneratedContact> contacts,
                         Map<String, String> carrierIds, List<JsonNode> attempts, List<JsonNode> callRecords,
                         List<JsonNode> callingWindows, long importRejected, Map<String, BigDecimal> costByCarrier,
                         Map<String, BigDecimal> costByDestinationClass, BigDecimal totalCost, BigDecimal requotedTotal,
                         BigDecimal defaultCarrierTotal, long conversions, JsonNode analyticsOverview, Duration elapsed) {

        public long callsPlaced() {
            return attempts.stream().filter(a -> !a.path("callId").isNull() && !a.path("callId").isMissingNode()
                    && !a.path("setupAt").isNull() && !a.path("setupAt").isMissingNode()).count();
        }

        public long answered() {
            return attempts.stream().filter(a -> "ANSWERED_HUMAN".equals(a.path("disposition").asText())).count();
        }

        public long abandoned() {
            return attempts.stream().filter(a -> a.path("abandoned").asBoolean(false)).count();
        }
    }

    static final String CURRENCY = "CNY";
    /** Outcomes an agent records after a live answer, with their shares in per mille. */
    private static final Map<String, Integer> OUTCOME_SHARES = new LinkedHashMap<>();

    static {
        OUTCOME_SHARES.put("SALE", 170);
        OUTCOME_SHARES.put("APPOINTMENT", 60);
        OUTCOME_SHARES.put("CALLBACK", 90);
        OUTCOME_SHARES.put("NOT_INTERESTED", 560);
        OUTCOME_SHARES.put("WRONG_PARTY", 80);
        OUTCOME_SHARES.put("DO_NOT_CALL", 40);
    }

    private final Api api;
    private final String kafkaBootstrap;
    private final Options options;
    private final Random outcomes;

    public Scenario(Api api, String kafkaBootstrap, Options options) {
        this.api = api;
        this.kafkaBootstrap = kafkaBootstrap;
        this.options = options;
        this.outcomes = new Random(options.seed() + 1);
    }

    public Result run() throws Exception {
        long started = System.nanoTime();
        String runId = options.tenant();
        say("tenant " + options.tenant() + ": creating 4 carriers with their tariffs (billing) ...");
        Map<String, String> carriers = new BillingSetup(api).createCarriers(DemoTariffs.ALL);
        awaitRoutes(carriers.size());

        String rulePack = createRulePack(runId);
        String listId = runId + "-list";
        api.post(Api.CAMPAIGN + "/api/v1/contact-lists", Map.of("id", listId, "name", "Demo contacts " + runId, "defaultRegion", "CN"));
        List<DemoContacts.GeneratedContact> contacts = DemoContacts.generate(runId, options.contacts(), options.seed());
        long rejected = options.contactsFromCrm() ? publishFromCrm(contacts, listId) : importCsv(contacts, listId);
        suppress(contacts);

        List<JsonNode> windows = callingWindows();
        JsonNode campaign = api.post(Api.CAMPAIGN + "/api/v1/campaigns", campaignSettings(runId, listId, rulePack, carriers, windows));
        String campaignId = campaign.path("id").asText();
        createAgents(campaignId);
        api.post(Api.CAMPAIGN + "/api/v1/campaigns/" + campaignId + "/start", Map.of("reason", "demo start"));
        say("campaign " + campaignId + " started: " + options.contacts() + " contacts, " + options.agents()
                + " simulated agents, predictive pacing, least-cost routing over " + carriers.size() + " carriers");

        String status = runCampaign(campaignId);
        List<JsonNode> attempts = api.all(Api.CAMPAIGN + "/api/v1/campaigns/" + campaignId + "/attempts");
        List<JsonNode> records = awaitRated(campaignId, attempts);
        Map<String, String> codeById = new LinkedHashMap<>();
        carriers.forEach((code, id) -> codeById.put(id, code));
        Map<String, BigDecimal> byCarrier = new TreeMap<>();
        Map<String, BigDecimal> byClass = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode r : records) {
            BigDecimal cost = cost(r);
            byCarrier.merge(codeById.getOrDefault(r.path("carrierId").asText(), r.path("carrierId").asText()), cost, BigDecimal::add);
            byClass.merge(r.path("destinationClass").asText("UNRATED"), cost, BigDecimal::add);
            total = total.add(cost);
        }
        say("re-quoting " + records.size() + " calls one by one (their own carrier, and the default carrier) ...");
        BigDecimal requoted = requote(records, null);
        BigDecimal onDefault = requote(records, carriers.get(DemoTariffs.CHINA_MOBILE.code()));
        // read after the run, so the outcomes posted during it are in
        long conversions = attempts.stream()
                .filter(a -> "SALE".equals(a.path("outcome").asText()) || "APPOINTMENT".equals(a.path("outcome").asText())).count();
        JsonNode overview = awaitAnalytics(campaignId, total);
        return new Result(options.tenant(), campaignId, status, contacts, carriers, attempts, records, windows, rejected,
                byCarrier, byClass, total, requoted, onDefault, conversions, overview,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void say(String message) {
        options.progress().accept(message);
    }

    /** The dialer learns carriers from billing's TariffPublished events; calls wait until it knows them all. */
    private void awaitRoutes(int carriers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode routes = api.get(Api.DIALER + "/api/v1/routes?" + Api.query(Map.of("number", "+8613800138000")));
            if (routes.path("ranking").path("options").size() >= carriers) {
                say("dialer routing table has the " + carriers + " carriers");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dialer has not learned the carriers' tariffs after 60 s: " + routes);
            }
            Thread.sleep(500);
        }
    }

    /** Legal at any hour: the campaign's own windows are what limit it (the built-in packs follow real law). */
    private String createRulePack(String runId) {
        String id = "demo-" + Math.abs(runId.hashCode());
        List<Map<String, String>> allDay = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            allDay.add(Map.of("day", day.name(), "start", "00:00", "end", "24:00"));
        }
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("id", id);
        pack.put("name", "Demo: simulated callees, 3% abandon");
        pack.put("description", "Callees are simulated, so any hour is allowed; the campaign's windows still apply.");
        pack.put("legalWindows", allDay);
        pack.put("abandonLimitBasisPoints", 300);
        pack.put("abandonWindow", "ROLLING_30_DAYS");
        pack.put("abandonWindowZone", "Asia/Shanghai");
        pack.put("noRedialAfterAbandonHours", 0);
        pack.put("consentRequired", false);
        api.post(Api.CAMPAIGN + "/api/v1/rule-packs", pack);
        return id;
    }

    private long importCsv(List<DemoContacts.GeneratedContact> contacts, String listId) throws InterruptedException {
        say("importing " + contacts.size() + " contacts (CSV upload) ...");
        JsonNode job = api.postText(Api.CAMPAIGN + "/api/v1/contact-lists/" + listId + "/imports", "text/csv", DemoContacts.csv(contacts));
        String jobId = job.path("id").asText();
        while (true) {
            job = api.get(Api.CAMPAIGN + "/api/v1/imports/" + jobId);
            String status = job.path("status").asText();
            if ("COMPLETED".equals(status)) {
                say("import: " + job.path("rowsAccepted").asLong() + " accepted, " + job.path("rowsRejected").asLong()
                        + " rejected (invalid numbers)");
                return job.path("rowsRejected").asLong();
            }
            if ("FAILED".equals(status)) {
                throw new IllegalStateException("the import failed: " + job);
            }
            Thread.sleep(300);
        }
    }

    /** The contacts as a CRM publishes them; numbers no library accepts never make it into an event. */
    private long publishFromCrm(List<DemoContacts.GeneratedContact> contacts, String listId) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        long valid = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (DemoContacts.GeneratedContact c : contacts) {
                if (c.invalid()) {
                    continue;
                }
                ContactUpserted event = ContactUpserted.of(options.tenant(), null, c.externalId(), listId, c.name(),
                        List.of(new Phone(c.number(), c.region().contains("mobile") ? PhoneType.MOBILE : PhoneType.WORK)), null,
                        Map.of("segment", c.segment(), "region", c.region()),
                        new Consent("EXPRESS_CONSENT", Instant.parse("2026-01-15T09:00:00Z"), "WEB_FORM"));
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CONTACT_EVENTS, event.externalId(), EventJson.write(event));
                CloudEvents.headersFor(event, Services.CRM).forEach((name, value) ->
                        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
                producer.send(record);
                valid++;
            }
            producer.flush();
        }
        say("published " + valid + " ContactUpserted events on " + Topics.CONTACT_EVENTS + " ...");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (api.get(Api.CAMPAIGN + "/api/v1/contact-lists/" + listId + "/contacts?size=1").path("totalItems").asLong() < valid) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("campaign-service has not taken all " + valid + " CRM contacts after 120 s");
            }
            Thread.sleep(300);
        }
        return contacts.size() - valid;
    }

    private void suppress(List<DemoContacts.GeneratedContact> contacts) {
        long count = 0;
        for (DemoContacts.GeneratedContact c : contacts) {
            if (c.suppressed()) {
                api.post(Api.CAMPAIGN + "/api/v1/suppression", Map.of("number", c.number(), "reason", "asked not to be called"));
                count++;
            }
        }
        say(count + " numbers put on the tenant's do-not-call list");
    }

    private List<JsonNode> callingWindows() {
        List<JsonNode> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (options.hours() == CallingHours.DAYTIME) {
                windows.add(window(day, "08:00", "21:00"));
            }
        }
        if (options.hours() == CallingHours.AROUND_BEIJING_NOW) {
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
            int minute = now.getHour() * 60 + now.getMinute();
            int from = Math.max(0, minute - 120);
            int to = minute + 120;
            for (DayOfWeek day : DayOfWeek.values()) {
                windows.add(window(day, hhmm(from), hhmm(Math.min(to, 1440))));
                if (to > 1440) {
                    // past midnight: the early hours of the next day
                    windows.add(window(day, "00:00", hhmm(to - 1440)));
                }
            }
        }
        return windows;
    }

    private static JsonNode window(DayOfWeek day, String start, String end) {
        return Api.JSON.valueToTree(Map.of("day", day.name(), "start", start, "end", end));
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    private Map<String, Object> campaignSettings(String runId, String listId, String rulePack, Map<String, String> carriers,
                                                 List<JsonNode> windows) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "Demo renewals " + runId);
        s.put("dialMode", "PREDICTIVE");
        s.put("callerId", "+861058001234");
        s.put("listIds", List.of(listId));
        s.put("endDate", Instant.now().plus(options.runAtMost()).toString());
        s.put("callingWindows", windows);
        s.put("rulePack", rulePack);
        s.put("caps", Map.of("maxAttemptsPerContact", 3, "maxAttemptsPerDay", 3, "maxAttemptsPer7Days", 5));
        // short delays: the simulated callees live on accelerated time
        s.put("retryDelays", Map.of("BUSY", "PT15S", "NO_ANSWER", "PT20S", "VOICEMAIL", "PT30S", "FAILED", "PT15S",
                "ABANDONED", "PT30S"));
        s.put("budget", Map.of("amount", "5000.00", "currency", CURRENCY));
        s.put("budgetAlertPercents", List.of(50, 80, 100));
        s.put("allowedCarrierIds", new ArrayList<>(carriers.values()));
        s.put("hopperSize", Math.max(20, options.agents() * 4));
        return s;
    }

    private void createAgents(String campaignId) {
        for (int i = 1; i <= options.agents(); i++) {
            api.post(Api.DIALER + "/api/v1/agents", Map.of("agentId", options.tenant() + "-agent-" + i, "name", "Agent " + i,
                    "campaignIds", List.of(campaignId), "simulated", true, "wrapSeconds", 15, "state", "READY"));
        }
        say(options.agents() + " simulated agents logged in and READY");
    }

    /** Until the campaign completes; posts each live answer's outcome as the agent's desktop would. */
    private String runCampaign(String campaignId) throws InterruptedException {
        long deadline = System.nanoTime() + options.runAtMost().plusSeconds(60).toNanos();
        Set<String> recorded = new HashSet<>();
        long lastActivity = System.nanoTime();
        long lastAttempts = -1;
        while (true) {
            JsonNode progress = api.get(Api.CAMPAIGN + "/api/v1/campaigns/" + campaignId + "/progress");
            String status = progress.path("status").asText();
            recordOutcomes(campaignId, recorded);
            long attempts = 0;
            for (JsonNode n : progress.path("attemptsByDisposition")) {
                attempts += n.asLong();
            }
            say(String.format("%-9s contacts done %d/%d, attempts %d %s, in flight %d, spent %s", status,
                    progress.path("contactsDone").asLong(), progress.path("contactsTotal").asLong(), attempts,
                    progress.path("attemptsByDisposition"), progress.path("outstanding").asLong(), spent(progress)));
            if ("COMPLETED".equals(status) || "CANCELLED".equals(status)) {
                return status;
            }
            if (attempts != lastAttempts) {
                lastAttempts = attempts;
                lastActivity = System.nanoTime();
            } else if (options.completeWhenIdle() && progress.path("outstanding").asLong() == 0
                    && System.nanoTime() - lastActivity > Duration.ofSeconds(45).toNanos()) {
                // nothing callable is left now: the others wait for their windows, caps or retry times
                say("nothing has been dialable for 45 s (the rest wait for their calling windows): completing the campaign");
                api.post(Api.CAMPAIGN + "/api/v1/campaigns/" + campaignId + "/complete", Map.of("reason", "demo over"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the campaign did not complete in " + options.runAtMost().plusSeconds(60));
            }
            Thread.sleep(2_000);
        }
    }

    private static String spent(JsonNode progress) {
        List<String> parts = new ArrayList<>();
        progress.path("spent").forEach(m -> parts.add(m.path("amount").asText() + " " + m.path("currency").asText()));
        return parts.isEmpty() ? "0" : String.join(" + ", parts);
    }

    private void recordOutcomes(String campaignId, Set<String> recorded) {
        List<JsonNode> answered = api.all(Api.CAMPAIGN + "/api/v1/campaigns/" + campaignId + "/attempts?disposition=ANSWERED_HUMAN");
        for (JsonNode attempt : answered) {
            String id = attempt.path("id").asText();
            if (recorded.contains(id) || !attempt.path("outcome").isMissingNode() && !attempt.path("outcome").isNull()) {
                recorded.add(id);
                continue;
            }
            api.post(Api.CAMPAIGN + "/api/v1/attempts/" + id + "/outcome", Map.of("disposition", pickOutcome(),
                    "note", "recorded by the demo's simulated agent"));
            recorded.add(id);
        }
    }

    private String pickOutcome() {
        int roll = outcomes.nextInt(1000);
        for (Map.Entry<String, Integer> share : OUTCOME_SHARES.entrySet()) {
            roll -= share.getValue();
            if (roll < 0) {
                return share.getKey();
            }
        }
        return "NOT_INTERESTED";
    }

    /** Every placed call has its record in billing (rated, or unrated with a reason). */
    private List<JsonNode> awaitRated(String campaignId, List<JsonNode> attempts) throws InterruptedException {
        long ended = attempts.stream().filter(a -> !a.path("endedAt").isNull() && !a.path("endedAt").isMissingNode()).count();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<JsonNode> records = api.all(Api.BILLING + "/api/v1/call-records?campaignId=" + campaignId);
            if (records.size() >= ended) {
                say("billing has rated all " + records.size() + " ended calls");
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("billing has " + records.size() + " of " + ended + " ended calls after 90 s");
            }
            Thread.sleep(1_000);
        }
    }

    static BigDecimal cost(JsonNode record) {
        JsonNode cost = record.path("cost");
        if (cost.isMissingNode() || cost.isNull()) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(cost.isObject() ? cost.path("amount").asText() : cost.asText());
    }

    /** The same calls priced one by one with billing's quotes: on their own carrier (null), or all on one carrier. */
    private BigDecimal requote(List<JsonNode> records, String carrierId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode r : records) {
            if (!"RATED".equals(r.path("ratingStatus").asText()) || r.path("answeredAt").isNull() || r.path("answeredAt").isMissingNode()) {
                continue;
            }
            String carrier = carrierId == null ? r.path("carrierId").asText() : carrierId;
            JsonNode quotes = api.post(Api.BILLING + "/api/v1/quotes", Map.of("number", r.path("number").asText(),
                    "startAt", r.path("answeredAt").asText(), "durationSeconds", r.path("billableSeconds").asLong(),
                    "carrierId", carrier));
            JsonNode quote = quotes.get(0);
            if (quote == null || quote.path("cost").isNull() || quote.path("cost").isMissingNode()) {
                throw new IllegalStateException("billing cannot quote call " + r.path("callId").asText() + " on " + carrier + ": " + quotes);
            }
            sum = sum.add(new BigDecimal(quote.path("cost").path("amount").asText()));
        }
        return sum;
    }

    /** Analytics folds the same charges; wait until its total for the campaign matches billing's. */
    private JsonNode awaitAnalytics(String campaignId, BigDecimal billingTotal) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode overview = null;
        while (System.nanoTime() < deadline) {
            overview = api.get(Api.ANALYTICS + "/api/v1/analytics/campaigns/" + campaignId + "/overview");
            BigDecimal total = analyticsTotal(overview);
            if (total != null && total.compareTo(billingTotal) == 0) {
                return overview;
            }
            Thread.sleep(1_000);
        }
        return overview;
    }

    /** The CNY total of an analytics campaign overview ({@code metrics.cost}, one amount per currency). */
    public static BigDecimal analyticsTotal(JsonNode overview) {
        if (overview == null) {
            return null;
        }
        for (JsonNode money : overview.path("metrics").path("cost")) {
            if (CURRENCY.equals(money.path("currency").asText())) {
                return new BigDecimal(money.path("amount").asText());
            }
        }
        return null;
    }
}
