package io.waihu.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The services' public REST APIs, as an integrator calls them: JSON over HTTP with a bearer token. */
public final class Api {

    public static final String CAMPAIGN = "http://127.0.0.1:8081";
    public static final String DIALER = "http://127.0.0.1:8082";
    public static final String BILLING = "http://127.0.0.1:8083";
    public static final String ANALYTICS = "http://127.0.0.1:8084";

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String bearer;

    public Api(String token) {
        this.bearer = "Bearer " + token;
    }

    /** A 4xx or 5xx answer, with the problem+json body the service sent. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String method, String url, int status, String body) {
            super(method + " " + url + " answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public JsonNode get(String url) {
        return send("GET", url, null, null);
    }

    public JsonNode post(String url, Object body) {
        return send("POST", url, "application/json", body == null ? "" : write(body));
    }

    public JsonNode put(String url, Object body) {
        return send("PUT", url, "application/json", write(body));
    }

    public JsonNode postText(String url, String contentType, String body) {
        return send("POST", url, contentType, body);
    }

    /** Every item of a paged list ({@code items}, {@code totalPages}), following the pages. */
    public List<JsonNode> all(String url) {
        List<JsonNode> items = new ArrayList<>();
        String separator = url.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode answer = get(url + separator + "page=" + page + "&size=500");
            answer.path("items").forEach(items::add);
            if (page + 1 >= answer.path("totalPages").asInt(0)) {
                return items;
            }
        }
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private JsonNode send(String method, String url, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", bearer).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + url, e);
        }
        if (response.statusCode() >= 400) {
            throw new ApiException(method, url, response.statusCode(), response.body());
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            // a CSV or text answer
            return JSON.getNodeFactory().textNode(response.body());
        }
    }

    static String write(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
    }
}
