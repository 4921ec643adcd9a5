package com.stockroom.local;

import com.stockroom.web.Json;
import com.stockroom.web.JsonApi;
import com.stockroom.web.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP API on loopback, as API Gateway serves it: it answers CORS preflight requests itself,
 * matches each request to a route that template.yaml declares (literal segments before
 * parameters, {@code $default} last), lets the route's JWT authorizer turn away a request
 * without a valid token or scope (401, 403), builds the payload 2.0 event API Gateway would send,
 * with the token's claims, invokes that route's function and writes back the function's answer.
 * It also serves the local token issuer's own open routes, which no function sees, and the API's
 * document and its viewer ({@link ApiDocs}), and the stock console ({@link Console}). Every answer
 * it makes itself, from a request it cannot read to a function that failed, is a JSON:API error;
 * its HTTP layer is {@link Http11Server}.
 *
 * <p>It binds its port first ({@link #bind}), so that the issuer URL, which names the port, is
 * known before the template is resolved, and serves once the routes are built ({@link #serve}).
 */
final class HttpGateway implements AutoCloseable {

    /** API Gateway HTTP APIs take at most 10 MB of payload. */
    static final int MAX_PAYLOAD_BYTES = Http11Reader.MAX_BODY_BYTES;

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * One route of the HTTP API: {@code GET /v2/inventories/{product_id}}, or {@code $default};
     * the authorizer that guards it (none: open) and the scopes a token needs one of (none: any).
     */
    record Route(String method, String path, LocalFunction function, Optional<JwtAuthorizer> authorizer, List<String> scopes) {

        Route {
            scopes = List.copyOf(scopes);
        }

        String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }

        List<String> segments() {
            return path.equals("$default") ? List.of() : List.of(path.substring(1).split("/", -1));
        }

        /** Literal segments outrank parameters, as API Gateway ranks them. */
        int literalSegments() {
            return (int) segments().stream().filter(s -> !s.startsWith("{")).count();
        }
    }

    private final Http11Server server;
    // Set once by serve(), before the server starts: the start hands them to every request thread.
    private List<Route> routes;
    private Optional<Cors> cors;
    private IssuerEndpoints issuer;
    private final ApiDocs docs = new ApiDocs();
    private final Console console = new Console();
    private final LocalEventBus events = new LocalEventBus();

    private HttpGateway(Http11Server server) {
        this.server = server;
    }

    /** Takes the port (0: any free one) without answering on it yet. */
    static HttpGateway bind(int port) throws IOException {
        return new HttpGateway(Http11Server.bind(port));
    }

    /** Starts answering: these routes, this CORS, and the issuer's own routes. */
    synchronized void serve(List<Route> routes, Optional<Cors> cors, IssuerEndpoints issuer) {
        if (this.routes != null) {
            throw new IllegalStateException("the gateway is already serving");
        }
        List<Route> ranked = new ArrayList<>(routes);
        ranked.sort(Comparator.comparing((Route r) -> r.path().equals("$default"))
                .thenComparing(Comparator.comparingInt(Route::literalSegments).reversed())
                .thenComparing(r -> r.method().equals("ANY")));
        this.routes = List.copyOf(ranked);
        this.cors = cors;
        this.issuer = issuer;
        server.start(this::handle);
    }

    int port() {
        return server.port();
    }

    /** The EventBridge the functions publish to on this port, and {@code GET /local/events}. */
    LocalEventBus events() {
        return events;
    }

    private Answer handle(Http11Server.Request request) {
        Answer answer;
        try {
            answer = answer(request);
        } catch (BadRequest bad) {
            answer = Answer.json(bad.status, JsonApi.errors(bad.status, bad.title, bad.getMessage()));
        } catch (LocalFunction.FunctionError error) {
            System.err.println(error.getMessage());
            error.getCause().printStackTrace();
            answer = internalError("the function failed on this request; the local stack's log says why");
        } catch (RuntimeException bug) {
            bug.printStackTrace();
            answer = internalError("the local gateway failed on this request; its log says why");
        }
        if (cors.isPresent() && !answer.preflight) {
            answer = new Answer(answer.status, cors.get().apply(request.first("Origin"), answer.headers), answer.body);
        }
        return answer;
    }

    private static Answer internalError(String detail) {
        return Answer.json(500, JsonApi.errors(500, "Internal Server Error", detail));
    }

    private Answer answer(Http11Server.Request request) throws LocalFunction.FunctionError {
        // Methods are case-sensitive (RFC 9110, 9.1): "delete" is no DELETE, and matches no route of its own.
        String method = request.method();
        Optional<String> origin = request.first("Origin");
        if (cors.isPresent() && Cors.isPreflight(method, origin, request.first("Access-Control-Request-Method"))) {
            return new Answer(204, cors.get().preflight(origin.get()), new byte[0], true);
        }
        String target = request.target();
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        String path = decodePath(rawPath);
        byte[] body = request.body();
        if (LocalEventBus.isCall(method, path, request.first("X-Amz-Target"))) {
            return events.call(request.first("X-Amz-Target").get(), body);
        }
        if (LocalEventBus.serves(path)) {
            return events.answer(method, rawQuery);
        }
        if (IssuerEndpoints.serves(path)) {
            return issuer.answer(method, path, request.first("Content-Type"), body);
        }
        if (ApiDocs.serves(path)) {
            return docs.answer(method, path);
        }
        if (Console.serves(path)) {
            return console.answer(method, path);
        }

        Optional<Matched> matched = match(method, rawPath);
        boolean unrouted = matched.isEmpty() || matched.get().route().path().equals("$default");
        if (unrouted && method.equals("GET") && path.equals("/")) {
            return index();
        }
        if (matched.isEmpty()) {
            throw new BadRequest(404, "Not Found", "there is no route " + method + " " + path);
        }
        Route route = matched.get().route();
        Optional<JwtAuthorizer.Allowed> allowed = Optional.empty();
        if (route.authorizer().isPresent()) {
            JwtAuthorizer authorizer = route.authorizer().get();
            List<String> identity = request.all(authorizer.configuration().identityHeader());
            JwtAuthorizer.Verdict verdict = authorizer.authorize(identity.isEmpty() ? null : identity, route.scopes());
            if (verdict instanceof JwtAuthorizer.Refused refused) {
                return Answer.json(refused.status(), JsonApi.errors(refused.status(), refused.title(), refused.detail()))
                        .withHeader("WWW-Authenticate", refused.challenge());
            }
            allowed = Optional.of((JwtAuthorizer.Allowed) verdict);
        }
        String event = Json.write(event(request, method, rawPath, path, rawQuery, route, matched.get().parameters(), allowed));
        Object result = parseResult(route.function().invoke(event));
        return Answer.of(result);
    }

    private record Matched(Route route, Map<String, String> parameters) {
    }

    private Optional<Matched> match(String method, String rawPath) {
        List<String> segments = rawPath.equals("/") ? List.of("") : List.of(rawPath.substring(1).split("/", -1));
        for (Route route : routes) {
            if (route.path().equals("$default")) {
                return Optional.of(new Matched(route, Map.of()));
            }
            if (!route.method().equals("ANY") && !route.method().equals(method)) {
                continue;
            }
            List<String> pattern = route.segments();
            if (pattern.size() != segments.size()) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < pattern.size() && matches; i++) {
                String p = pattern.get(i);
                String s = segments.get(i);
                if (p.startsWith("{") && p.endsWith("}")) {
                    if (s.isEmpty()) {
                        matches = false;
                    } else {
                        parameters.put(p.substring(1, p.length() - 1), decodePath(s));
                    }
                } else {
                    matches = p.equals(s);
                }
            }
            if (matches) {
                return Optional.of(new Matched(route, parameters));
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> event(Http11Server.Request request, String method, String rawPath, String path, String rawQuery,
                                      Route route, Map<String, String> pathParameters, Optional<JwtAuthorizer.Allowed> allowed) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Http11Reader.Field field : request.head().fields()) {
            String lower = field.name().toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                List.of(field.value().split(";")).forEach(c -> cookies.add(c.strip()));
            } else {
                headers.merge(lower, field.value(), (first, next) -> first + "," + next);
            }
        }
        byte[] body = request.body();
        Map<String, String> query = query(rawQuery);
        Optional<String> text = Utf8.decode(body);
        long now = System.currentTimeMillis();
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> http = Json.object(
                "method", method, "path", path, "protocol", "HTTP/1.1",
                "sourceIp", request.remote().getHostAddress(),
                "userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = Json.object(
                "accountId", Intrinsics.ACCOUNT, "apiId", "local", "domainName", headers.getOrDefault("host", "127.0.0.1"),
                "domainPrefix", "local", "http", http, "requestId", requestId, "routeKey", route.routeKey(),
                "stage", "$default", "time", REQUEST_TIME.format(Instant.ofEpochMilli(now)), "timeEpoch", now,
                "authorizer", allowed.map(JwtAuthorizer.Allowed::requestContext).orElse(null));
        Map<String, Object> event = Json.object(
                "version", "2.0",
                "routeKey", route.routeKey(),
                "rawPath", rawPath,
                "rawQueryString", rawQuery == null ? "" : rawQuery,
                "cookies", cookies.isEmpty() ? null : cookies,
                "headers", headers,
                "queryStringParameters", query.isEmpty() ? null : query,
                "pathParameters", pathParameters.isEmpty() ? null : pathParameters,
                "requestContext", context,
                "body", body.length == 0 ? null : text.orElseGet(() -> Base64.getEncoder().encodeToString(body)),
                "isBase64Encoded", body.length > 0 && text.isEmpty());
        return event;
    }

    /** Query parameters as API Gateway gives them: decoded, repeated names joined by commas. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        try {
            UrlEncoded.pairs(rawQuery).forEach(pair -> query.merge(pair.getKey(), pair.getValue(), (a, b) -> a + "," + b));
        } catch (IllegalArgumentException malformed) {
            throw new BadRequest(400, "Bad Request", "the query string is not well-formed percent-encoding of UTF-8: " + malformed.getMessage());
        }
        return query;
    }

    private static String decodePath(String raw) {
        try {
            return UrlEncoded.decodePath(raw);
        } catch (IllegalArgumentException malformed) {
            throw new BadRequest(400, "Bad Request", "the path is not well-formed percent-encoding of UTF-8: " + malformed.getMessage());
        }
    }

    private static Object parseResult(String json) {
        try {
            return Json.parse(json);
        } catch (Json.Malformed malformed) {
            throw new IllegalStateException("the function answered something that is not JSON: " + json);
        }
    }

    private Answer index() {
        List<String> keys = routes.stream().map(Route::routeKey).filter(k -> !k.equals("$default")).sorted().toList();
        List<String> issuerRoutes = IssuerEndpoints.ROUTES.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted().toList();
        return Answer.json(200, Json.object("data", Json.object(
                "name", "Stockroom local stack", "type", "index", "routes", keys, "token_routes", issuerRoutes,
                "docs_routes", List.of("GET " + ApiDocs.DOCUMENT, "GET " + ApiDocs.PAGE),
                "events_routes", List.of("GET " + LocalEventBus.EVENTS))));
    }

    /** An HTTP answer: status, headers and body; a preflight answer takes no further CORS headers. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean preflight) {

        Answer(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, false);
        }

        static Answer json(int status, Map<String, ?> document) {
            return new Answer(status, Map.of("Content-Type", "application/json"), Json.write(document).getBytes(StandardCharsets.UTF_8));
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, preflight);
        }

        /** The function's result read as API Gateway reads a payload 2.0 answer. */
        @SuppressWarnings("unchecked")
        static Answer of(Object result) {
            if (!(result instanceof Map<?, ?> map) || !map.containsKey("statusCode")) {
                // Payload 2.0 without a statusCode: the result itself is the JSON body.
                return new Answer(200, Map.of("Content-Type", "application/json"), Json.write(result).getBytes(StandardCharsets.UTF_8));
            }
            int status = ((Number) map.get("statusCode")).intValue();
            Map<String, String> headers = new LinkedHashMap<>();
            if (map.get("headers") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
            }
            Object body = map.get("body");
            byte[] bytes = body == null ? new byte[0]
                    : Boolean.TRUE.equals(map.get("isBase64Encoded")) ? Base64.getDecoder().decode(String.valueOf(body))
                    : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
            return new Answer(status, headers, bytes);
        }
    }

    /** A request the gateway itself turns away, before any function runs. */
    private static final class BadRequest extends RuntimeException {
        final int status;
        final String title;

        BadRequest(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
