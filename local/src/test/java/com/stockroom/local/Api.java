package com.stockroom.local;

import com.stockroom.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The local stack's HTTP API, as a client sees it. */
final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status and the parsed JSON body (null when there is none). */
    record Response(int status, Object body, String raw) {

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) ((Map<String, Object>) body).get("data");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dataList() {
            return (List<Map<String, Object>>) ((Map<String, Object>) body).get("data");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> firstError() {
            return ((List<Map<String, Object>>) ((Map<String, Object>) body).get("errors")).get(0);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> links() {
            return (Map<String, Object>) ((Map<String, Object>) body).get("links");
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    private Api() {
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    static Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    static Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static Response method(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Creates stock for a fresh product id and answers the id. */
    static String stock(long quantity) {
        String id = uniqueId("p");
        Response created = post("/v2/inventories/" + id, "{\"data\":{\"quantity\":" + quantity + "}}");
        if (created.status() != 201) {
            throw new AssertionError("could not create stock: " + created);
        }
        return id;
    }

    static Response move(String productId, String action, long quantity) {
        return post("/v2/inventories/" + productId + "/transactions",
                "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"" + action + "\",\"quantity\":" + quantity + "}}");
    }

    /** total, available, allocated. */
    static long[] levels(String productId) {
        Response stock = get("/v2/inventories/" + productId);
        if (stock.status() != 200) {
            throw new AssertionError("no stock for " + productId + ": " + stock);
        }
        Map<String, Object> data = stock.data();
        return new long[] {number(data.get("total")), number(data.get("available")), number(data.get("allocated"))};
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static URI uri(String path) {
        return URI.create(Stack.get().apiEndpoint() + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            Object body = raw == null || raw.isEmpty() ? null : Json.parse(raw);
            return new Response(response.statusCode(), body, raw);
        } catch (IOException | Json.Malformed e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
