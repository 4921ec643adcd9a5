package com.stockroom.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events for tests, as {@link Json#parse} gives them: nested
 * maps and lists, built fluently.
 *
 * <pre>{@code
 * HttpEvents.event().routeKey("GET /v2/inventories/{product_id}").method("GET")
 *         .pathParameter("product_id", "sku-1").verified("admin-1", "back-office", "inventory:read").build();
 * }</pre>
 */
final class HttpEvents {

    private HttpEvents() {
    }

    /** An event with nothing in it yet, not even {@code isBase64Encoded}. */
    static Builder event() {
        return new Builder();
    }

    /**
     * What API Gateway's JWT authorizer puts at {@code requestContext.authorizer} for a valid
     * token: its claims (the scopes space-separated in {@code scope}) and its scopes as a list.
     */
    static Map<String, Object> verified(String subject, String clientId, String scope) {
        return jwt(Map.of("sub", subject, "client_id", clientId, "scope", scope, "iss", "https://issuer.example"),
                List.of(scope.split(" ")));
    }

    /** An authorizer member with these JWT claims and scopes. */
    static Map<String, Object> jwt(Map<String, ?> claims, List<?> scopes) {
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("claims", claims);
        jwt.put("scopes", scopes);
        return Map.of("jwt", jwt);
    }

    static final class Builder {

        private final Map<String, Object> event = new LinkedHashMap<>();
        private final Map<String, Object> requestContext = new LinkedHashMap<>();
        private final Map<String, Object> http = new LinkedHashMap<>();
        private final Map<String, Object> headers = new LinkedHashMap<>();
        private final Map<String, Object> pathParameters = new LinkedHashMap<>();
        private final Map<String, Object> query = new LinkedHashMap<>();

        private Builder() {
        }

        Builder routeKey(String routeKey) {
            return set("routeKey", routeKey);
        }

        Builder rawPath(String rawPath) {
            return set("rawPath", rawPath);
        }

        /** {@code requestContext.http.method}. */
        Builder method(String method) {
            http.put("method", method);
            requestContext.put("http", http);
            event.put("requestContext", requestContext);
            return this;
        }

        /** {@code requestContext.authorizer}, as {@link HttpEvents#verified} gives it; null puts none there. */
        Builder authorizer(Map<String, Object> authorizer) {
            if (authorizer == null) {
                requestContext.remove("authorizer");
            } else {
                requestContext.put("authorizer", authorizer);
            }
            event.put("requestContext", requestContext);
            return this;
        }

        /** {@code requestContext.requestId}, API Gateway's id of the request. */
        Builder requestId(String requestId) {
            requestContext.put("requestId", requestId);
            event.put("requestContext", requestContext);
            return this;
        }

        Builder verified(String subject, String clientId, String scope) {
            return authorizer(HttpEvents.verified(subject, clientId, scope));
        }

        Builder header(String name, Object value) {
            headers.put(name, value);
            return set("headers", headers);
        }

        /** Every path parameter at once, or (null) a {@code pathParameters} member that is JSON null. */
        Builder pathParameters(Map<String, ?> parameters) {
            pathParameters.clear();
            if (parameters == null) {
                return set("pathParameters", null);
            }
            pathParameters.putAll(parameters);
            return set("pathParameters", pathParameters);
        }

        Builder pathParameter(String name, Object value) {
            pathParameters.put(name, value);
            return set("pathParameters", pathParameters);
        }

        /** Every query parameter at once, or (null) a {@code queryStringParameters} member that is JSON null. */
        Builder query(Map<String, ?> parameters) {
            query.clear();
            if (parameters == null) {
                return set("queryStringParameters", null);
            }
            query.putAll(parameters);
            return set("queryStringParameters", query);
        }

        /** A body as it is, marked not base64. */
        Builder body(String body) {
            return set("body", body).set("isBase64Encoded", false);
        }

        /** A body API Gateway base64-encoded, marked so. */
        Builder base64Body(String base64) {
            return set("body", base64).set("isBase64Encoded", true);
        }

        /** Any member, of any type, as the event's JSON might have it (null for a JSON null). */
        Builder set(String name, Object value) {
            event.put(name, value);
            return this;
        }

        /** The event, a copy: later changes to the builder do not reach it. */
        Map<String, Object> build() {
            return deepCopy(event);
        }

        HttpRequest request() {
            return new HttpRequest(build());
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> deepCopy(Map<String, Object> object) {
            Map<String, Object> copy = new LinkedHashMap<>();
            object.forEach((name, value) -> copy.put(name, value instanceof Map<?, ?> member
                    ? deepCopy((Map<String, Object>) member) : value));
            return copy;
        }
    }
}
