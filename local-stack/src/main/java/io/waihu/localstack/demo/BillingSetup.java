package io.waihu.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Carriers and tariffs through billing-service's REST API, as an integrator sets them up. */
final class BillingSetup {

    private final Api api;

    BillingSetup(Api api) {
        this.api = api;
    }

    /** Creates the carriers with their tariffs in force from now; answers carrier code → carrier id. */
    Map<String, String> createCarriers(List<DemoTariffs.DemoCarrier> carriers) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (DemoTariffs.DemoCarrier carrier : carriers) {
            JsonNode created = api.post(Api.BILLING + "/api/v1/carriers", Map.of("code", carrier.code(), "name", carrier.name(),
                    "kind", carrier.kind(), "country", "CN", "weight", carrier.weight()));
            String carrierId = created.path("id").asText();
            String tariffBody = "{\"carrierId\":\"" + carrierId + "\",\"name\":\"" + carrier.name() + " standard\","
                    + "\"currency\":\"CNY\",\"zone\":\"Asia/Shanghai\",\"defaultRegion\":\"CN\",\"bands\":" + carrier.bands()
                    + ",\"holidays\":" + Api.write(DemoTariffs.HOLIDAYS) + "}";
            String tariffId = api.post(Api.BILLING + "/api/v1/tariffs", tariffBody).path("id").asText();
            api.postText(Api.BILLING + "/api/v1/tariffs/" + tariffId + "/versions", "text/csv", carrier.deckCsv());
            ids.put(carrier.code(), carrierId);
        }
        return ids;
    }
}
