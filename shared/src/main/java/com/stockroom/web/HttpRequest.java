package com.stockroom.web;

import com.stockroom.common.Ids;
import com.stockroom.common.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An API Gateway HTTP API (payload 2.0) request, read the way every route reads it, straight
 * from the event's JSON (as {@link Json#parse} gives it): no event classes, no reflection. The
 * event comes from API Gateway, so its shape is trusted; a member of the wrong type is read as
 * absent all the same.
 */
public final class HttpRequest {

    /** The largest body any route accepts: every request of this API is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Map<String, Object> event;
    private Caller caller;
    private Map<String, String> headers;
    private String correlationId;

    /** The request an HTTP API event (its JSON, parsed) carries. */
    public HttpRequest(Map<String, Object> event) {
        this.event = event == null ? Map.of() : event;
    }

    public String routeKey() {
        return string(event, "routeKey").orElse("");
    }

    public String method() {
        return string(object(object(event, "requestContext"), "http"), "method").orElse("");
    }

    /**
     * The caller the authorizer verified, from {@code requestContext.authorizer.jwt}: its
     * {@code sub} and {@code client_id} claims and its scopes. A request without one never got
     * past an authorizer, so it is refused (401) rather than served anonymously.
     */
    public Caller caller() {
        if (caller == null) {
            caller = verifiedCaller();
        }
        return caller;
    }

    /** Read once per request: the router, the idempotency key and the route all ask for it. */
    private Caller verifiedCaller() {
        Map<String, Object> jwt = object(object(object(event, "requestContext"), "authorizer"), "jwt");
        Map<String, String> claims = strings(jwt, "claims");
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new ApiError(401, "Unauthorized", "the request carries no verified access token");
        }
        Set<String> scopes = new HashSet<>();
        if (jwt.get("scopes") instanceof List<?> given) {
            given.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
        }
        Optional.ofNullable(claims.get("scope")).ifPresent(scope -> scopes.addAll(List.of(scope.strip().split("\\s+"))));
        scopes.remove("");
        Optional<String> clientId = Optional.ofNullable(claims.get("client_id")).filter(id -> !id.isBlank());
        return new Caller(subject, clientId, scopes);
    }

    /**
     * The id that ties this request to what it causes (a payment request, its result): the
     * caller's {@code X-Correlation-Id} if it is well formed (1-128 letters, digits and
     * {@code - _ . : = + /}), else the request id API Gateway gave it, else none.
     */
    public String correlationId() {
        if (correlationId == null) {
            correlationId = header(Router.CORRELATION_ID).filter(Telemetry::wellFormedCorrelationId)
                    .or(() -> string(object(event, "requestContext"), "requestId").filter(Telemetry::wellFormedCorrelationId))
                    .orElse("");
        }
        return correlationId.isEmpty() ? null : correlationId;
    }

    public String path() {
        return string(event, "rawPath").orElse("");
    }

    /** A request header, by its name in any case (API Gateway gives them lower-cased). */
    public Optional<String> header(String name) {
        if (headers == null) {
            headers = strings(event, "headers");
        }
        String value = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        if (value == null) {
            value = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        return Optional.ofNullable(value);
    }

    /** The body exactly as the event carries it (base64 when API Gateway encoded it), for telling requests apart. */
    String rawBody() {
        return (base64() ? "b64:" : "") + string(event, "body").orElse("");
    }

    /** A path parameter that must be an id: 1-64 letters, digits, '-' or '_'. */
    public String id(String name) {
        String value = pathParameters().get(name);
        if (!Ids.isValid(value)) {
            throw ApiError.badRequest(name + " must be 1 to 64 letters, digits, '-' or '_'");
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(strings(event, "queryStringParameters").get(name));
    }

    /** A query parameter that must be a whole number in range, if given. */
    public Optional<Integer> queryInt(String name, int min, int max) {
        return query(name).map(raw -> {
            String rule = name + " must be a whole number from " + min + " to " + max;
            if (!raw.matches("[0-9]{1,9}")) {
                throw ApiError.badRequest(rule);
            }
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw ApiError.badRequest(rule);
            }
            return value;
        });
    }

    /** The body's {@code data} member, which must be an object. */
    public JsonObject data() {
        return document().object("data");
    }

    /** The whole body, which must be one JSON object of at most {@link #MAX_BODY_BYTES}. */
    public JsonObject document() {
        String body = body();
        if (body.isEmpty()) {
            throw ApiError.badRequest("the request needs a JSON body with a data member");
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (Json.Malformed malformed) {
            throw ApiError.badRequest(malformed.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw ApiError.badRequest("the body must be a JSON object with a data member");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) parsed;
        return new JsonObject("", fields);
    }

    /**
     * The body as text. JSON is UTF-8 (RFC 8259), whatever charset a Content-Type names: bytes
     * that are not UTF-8 are refused rather than read as replacement characters, and so is a
     * leading byte order mark.
     */
    private String body() {
        String body = string(event, "body").orElse(null);
        if (body == null) {
            return "";
        }
        if (base64()) {
            if (body.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
                throw tooLarge();
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                throw ApiError.badRequest("the body is marked base64 but is not");
            }
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            body = Utf8.decode(bytes).orElseThrow(() -> ApiError.badRequest(
                    "the body is not valid UTF-8: JSON is UTF-8 (RFC 8259), whatever charset the Content-Type names"));
        } else if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (body.startsWith(BYTE_ORDER_MARK)) {
            throw ApiError.badRequest("the body starts with a byte order mark: send JSON as UTF-8 without one (RFC 8259)");
        }
        return body.strip();
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "Payload Too Large", "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }

    private Map<String, String> pathParameters() {
        return strings(event, "pathParameters");
    }

    private boolean base64() {
        return Boolean.TRUE.equals(event.get("isBase64Encoded"));
    }

    private static Optional<String> string(Map<String, Object> object, String name) {
        return object.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> object, String name) {
        return object.get(name) instanceof Map<?, ?> member ? (Map<String, Object>) member : Map.of();
    }

    /** An object of strings ({@code headers}, {@code claims}): members of other types are left out. */
    private static Map<String, String> strings(Map<String, Object> object, String name) {
        Map<String, Object> member = object(object, name);
        Map<String, String> strings = new HashMap<>(member.size() * 2);
        member.forEach((key, value) -> {
            if (value instanceof String text) {
                strings.put(key, text);
            }
        });
        return strings;
    }
}
