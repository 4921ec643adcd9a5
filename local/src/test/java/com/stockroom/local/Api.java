package com.stockroom.local;

import com.stockroom.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stack's HTTP API, as a client sees it. The static calls carry a bearer token with
 * every scope, for the subject {@value #TEST_SUBJECT}, minted once over HTTP by the stack's own
 * issuer, as any client of the API would get one; {@link #as(String)} calls with another token,
 * {@link #withoutToken()} with none.
 */
final class Api {

    /** Every scope template.yaml's routes name. */
    static final List<String> ALL_SCOPES = List.of("inventory:read", "inventory:write", "carts", "orders", "orders:write");

    /** Who the default token speaks for. */
    static final String TEST_SUBJECT = "test-shopper";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Tokens live an hour; one older than this is replaced before use. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(30);

    private record DefaultToken(URI endpoint, String token, Instant minted) {
    }

    private static volatile DefaultToken defaultToken;

    /** A status, the parsed JSON body (null when there is none) and the headers. */
    record Response(int status, Object body, String raw, HttpHeaders headers) {

        /** A header's first value, whatever the case of its name. */
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

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

    /**
     * Calls as one caller: with one Authorization header value or none, and any other headers.
     * Immutable; {@link #header} answers a new client.
     */
    static final class Client {
        private final Map<String, String> headers;

        private Client(Map<String, String> headers) {
            this.headers = Map.copyOf(headers);
        }

        Client header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Client(more);
        }

        Response get(String path) {
            return send("GET", path, null, null);
        }

        Response delete(String path) {
            return send("DELETE", path, null, null);
        }

        Response post(String path, String body) {
            return send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        Response postBytes(String path, byte[] body) {
            return send("POST", path, null, body);
        }

        Response method(String method, String path, String body) {
            return send(method, path, null, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        /** Any method, with a body of any content type (none when {@code contentType} is null). */
        Response send(String method, String path, String contentType, byte[] body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            return checked(method, path, Api.send(request));
        }
    }

    /** Calls with {@code Authorization: Bearer <token>}. */
    static Client as(String token) {
        return withAuthorization("Bearer " + token);
    }

    /** Calls with exactly this Authorization header value, well-formed or not. */
    static Client withAuthorization(String value) {
        return new Client(Map.of("Authorization", value));
    }

    /** Calls with no Authorization header at all. */
    static Client withoutToken() {
        return new Client(Map.of());
    }

    /** Calls as the default caller: every scope, subject {@value #TEST_SUBJECT}. */
    static Client asTestShopper() {
        URI endpoint = Stack.get().apiEndpoint();
        DefaultToken current = defaultToken;
        if (current == null || !current.endpoint().equals(endpoint) || current.minted().plus(TOKEN_REUSE).isBefore(Instant.now())) {
            current = new DefaultToken(endpoint, token(TEST_SUBJECT, ALL_SCOPES), Instant.now());
            defaultToken = current;
        }
        return as(current.token());
    }

    /** A fresh access token from the stack's issuer, over HTTP ({@code POST /local/tokens}). */
    static String token(String subject, List<String> scopes) {
        StringBuilder body = new StringBuilder("{\"sub\":").append(Json.write(subject)).append(",\"scopes\":").append(Json.write(scopes)).append('}');
        return accessToken(withoutToken().post("/local/tokens", body.toString()));
    }

    static String token(String subject, String... scopes) {
        return token(subject, List.of(scopes));
    }

    /** A fresh access token for {@code subject} through the client {@code clientId}. */
    static String token(String subject, String clientId, List<String> scopes) {
        String body = "{\"sub\":" + Json.write(subject) + ",\"client_id\":" + Json.write(clientId) + ",\"scopes\":" + Json.write(scopes) + "}";
        return accessToken(withoutToken().post("/local/tokens", body));
    }

    /** A token from Elastic Path's token call, {@code POST /oauth/access_token} with this form. */
    static String elasticPathToken(String form) {
        return accessToken(withoutToken().send("POST", "/oauth/access_token", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)));
    }

    private static String accessToken(Response minted) {
        if (minted.status() != 200) {
            throw new AssertionError("could not get a token: " + minted);
        }
        return (String) ((Map<?, ?>) minted.body()).get("access_token");
    }

    static Response get(String path) {
        return asTestShopper().get(path);
    }

    static Response delete(String path) {
        return asTestShopper().delete(path);
    }

    static Response post(String path, String body) {
        return asTestShopper().post(path, body);
    }

    static Response postBytes(String path, byte[] body) {
        return asTestShopper().postBytes(path, body);
    }

    static Response method(String method, String path, String body) {
        return asTestShopper().method(method, path, body);
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

    /**
     * Every answer the tests see must be one openapi.json describes: its route and status there,
     * and its body valid against that response's schema (see {@link OpenApiDocument} for what is
     * left out); otherwise the test that made the request fails, naming route, status and fault.
     */
    private static Response checked(String method, String path, Response response) {
        int question = path.indexOf('?');
        String rawPath = question < 0 ? path : path.substring(0, question);
        Optional<String> violation = OpenApiDocument.get().violation(method, rawPath, response.status(),
                response.header("Content-Type"), response.raw());
        if (violation.isPresent()) {
            throw new AssertionError("openapi.json: " + violation.get());
        }
        return response;
    }

    private static URI uri(String path) {
        return URI.create(Stack.get().apiEndpoint() + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            // Pages, scripts and stylesheets (the /docs viewer) are text; everything else the API answers is JSON.
            boolean text = response.headers().firstValue("Content-Type").filter(type -> type.startsWith("text/")).isPresent();
            Object body = raw == null || raw.isEmpty() || text ? null : Json.parse(raw);
            return new Response(response.statusCode(), body, raw, response.headers());
        } catch (IOException | Json.Malformed e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
