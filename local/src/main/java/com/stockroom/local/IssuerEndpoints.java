package com.stockroom.local;

import com.stockroom.web.Json;
import com.stockroom.web.JsonApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local issuer over HTTP, served by the gateway itself and open to all (a token is what
 * these give out): {@code POST /local/tokens} for any scopes and subject, Elastic Path's
 * {@code POST /oauth/access_token} (client credentials for an admin, implicit for a storefront)
 * so that its SDKs and storefronts work against the local stack unchanged, and the key set and
 * discovery document that let anyone verify the tokens. Bad input of any kind gets a 4xx
 * JSON:API error.
 */
final class IssuerEndpoints {

    static final String TOKENS = "/local/tokens";
    static final String OAUTH_TOKEN = "/oauth/access_token";
    static final String JWKS = "/.well-known/jwks.json";
    static final String DISCOVERY = "/.well-known/openid-configuration";

    /** Each path with its one method, as {@code GET /} lists them. */
    static final Map<String, String> ROUTES = Map.of(TOKENS, "POST", OAUTH_TOKEN, "POST", JWKS, "GET", DISCOVERY, "GET");

    /** The client id a {@code /local/tokens} token carries unless the caller names one. */
    static final String LOCAL_CLIENT_ID = "stockroom-local";
    static final String DEFAULT_SUBJECT = "local-user";

    /** What an implicit (storefront) token may do, by DESIGN.md's "Who may do what": carts and one's own orders. */
    static final List<String> STOREFRONT_SCOPES = List.of("carts", "orders");

    private static final int MAX_NAME_CHARS = 255;

    /**
     * Elastic Path's two kinds of caller: an admin client with a secret (client credentials) and
     * a storefront client with none (implicit).
     */
    record Clients(String adminId, String adminSecret, String storefrontId) {

        static final Clients DEFAULTS = new Clients("stockroom-admin", "stockroom-local-secret", "stockroom-storefront");

        static Clients fromEnvironment(Map<String, String> env) {
            return new Clients(
                    setting(env, "STOCKROOM_ADMIN_CLIENT_ID", DEFAULTS.adminId()),
                    setting(env, "STOCKROOM_ADMIN_CLIENT_SECRET", DEFAULTS.adminSecret()),
                    setting(env, "STOCKROOM_STOREFRONT_CLIENT_ID", DEFAULTS.storefrontId()));
        }

        private static String setting(Map<String, String> env, String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        @Override
        public String toString() {
            return "Clients[adminId=" + adminId + ", adminSecret=(hidden), storefrontId=" + storefrontId + "]";
        }
    }

    private final LocalIssuer issuer;
    private final List<String> scopes;
    private final Clients clients;

    /** {@code scopes}: every scope the template's routes name, the most a token may be granted. */
    IssuerEndpoints(LocalIssuer issuer, List<String> scopes, Clients clients) {
        this.issuer = issuer;
        this.scopes = List.copyOf(scopes);
        this.clients = clients;
    }

    static boolean serves(String path) {
        return ROUTES.containsKey(path);
    }

    /** The answer to a request for one of {@link #ROUTES}' paths. */
    HttpGateway.Answer answer(String method, String path, Optional<String> contentType, byte[] body) {
        String allowed = ROUTES.get(path);
        if (!allowed.equals(method)) {
            HttpGateway.Answer refused = HttpGateway.Answer.json(405, JsonApi.errors(405, "Method Not Allowed", path + " answers " + allowed + " only"));
            return refused.withHeader("Allow", allowed);
        }
        return switch (path) {
            case TOKENS -> localToken(body);
            case OAUTH_TOKEN -> elasticPathToken(contentType, body);
            case JWKS -> HttpGateway.Answer.json(200, issuer.publicKeys().toJSONObject());
            default -> HttpGateway.Answer.json(200, discovery());
        };
    }

    /** {@code {"scopes":[...],"sub":"...","client_id":"..."}}: any of the template's scopes, for anyone. */
    private HttpGateway.Answer localToken(byte[] body) {
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (Json.Malformed malformed) {
            return badRequest(malformed.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> request)) {
            return badRequest("the body must be a JSON object: {\"scopes\":[...],\"sub\":\"...\"}");
        }
        Object asked = request.get("scopes");
        List<String> granted = new ArrayList<>();
        if (!(asked instanceof List<?> list)) {
            return badRequest("scopes must be an array of some of these scopes: " + String.join(", ", scopes));
        }
        for (Object scope : list) {
            if (!(scope instanceof String name) || !scopes.contains(name)) {
                return badRequest("scopes must be an array of some of these scopes: " + String.join(", ", scopes));
            }
            if (!granted.contains(name)) {
                granted.add(name);
            }
        }
        Optional<String> subject = name(request.get("sub"));
        if (request.get("sub") != null && subject.isEmpty()) {
            return badRequest("sub must be a string of 1 to " + MAX_NAME_CHARS + " characters");
        }
        Optional<String> clientId = name(request.get("client_id"));
        if (request.get("client_id") != null && clientId.isEmpty()) {
            return badRequest("client_id must be a string of 1 to " + MAX_NAME_CHARS + " characters");
        }
        LocalIssuer.Token token = issuer.mint(subject.orElse(DEFAULT_SUBJECT), clientId.orElse(LOCAL_CLIENT_ID), granted);
        return tokenAnswer(Json.object("access_token", token.accessToken(), "token_type", "Bearer",
                "expires_in", LocalIssuer.LIFETIME.toSeconds()));
    }

    private static Optional<String> name(Object value) {
        return value instanceof String s && !s.isEmpty() && s.length() <= MAX_NAME_CHARS ? Optional.of(s) : Optional.empty();
    }

    /**
     * Elastic Path's token call, form-encoded: {@code grant_type=client_credentials} with
     * {@code client_id} and {@code client_secret} gives an admin every scope; {@code implicit}
     * with a storefront's {@code client_id} gives carts and orders. The subject is the client id.
     */
    private HttpGateway.Answer elasticPathToken(Optional<String> contentType, byte[] body) {
        boolean form = contentType.map(type -> type.strip().toLowerCase(Locale.ROOT))
                .filter(type -> type.equals("application/x-www-form-urlencoded") || type.startsWith("application/x-www-form-urlencoded;"))
                .isPresent();
        if (!form) {
            return badRequest("the body must be application/x-www-form-urlencoded");
        }
        Map<String, String> fields;
        try {
            fields = form(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return badRequest(malformed.getMessage());
        }
        String grant = fields.get("grant_type");
        if (grant == null || grant.isEmpty()) {
            return badRequest("grant_type is required: client_credentials or implicit");
        }
        String clientId = fields.get("client_id");
        List<String> granted;
        switch (grant) {
            case "client_credentials" -> {
                String secret = fields.get("client_secret");
                if (clientId == null || clientId.isEmpty() || secret == null || secret.isEmpty()) {
                    return badRequest("client_credentials needs client_id and client_secret");
                }
                // Both compared, in constant time, so that the answer tells nothing about which was wrong.
                boolean known = sameSecret(clientId, clients.adminId()) & sameSecret(secret, clients.adminSecret());
                if (!known) {
                    return unauthorized("the client id or secret is not valid");
                }
                granted = scopes;
            }
            case "implicit" -> {
                if (clientId == null || clientId.isEmpty()) {
                    return badRequest("implicit needs client_id");
                }
                if (!clientId.equals(clients.storefrontId())) {
                    return unauthorized("the client id is not a known storefront's");
                }
                granted = STOREFRONT_SCOPES.stream().filter(scopes::contains).toList();
            }
            default -> {
                return badRequest("grant_type must be client_credentials or implicit");
            }
        }
        LocalIssuer.Token token = issuer.mint(clientId, clientId, granted);
        return tokenAnswer(Json.object("access_token", token.accessToken(), "token_type", "Bearer",
                "expires_in", LocalIssuer.LIFETIME.toSeconds(), "expires", token.expires().getEpochSecond(), "identifier", grant));
    }

    /** A form body's fields; a malformed escape or a field given twice is refused. */
    static Map<String, String> form(String body) {
        List<Map.Entry<String, String>> pairs;
        try {
            pairs = UrlEncoded.pairs(body);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the body is not well-formed form encoding");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            String name = pair.getKey();
            if (fields.putIfAbsent(name, pair.getValue()) != null) {
                throw new IllegalArgumentException(name.length() > 64 ? "a field is given twice" : name + " is given twice");
            }
        }
        return fields;
    }

    /** Equal strings, judged by their SHA-256 digests so that the time taken says nothing of where they differ. */
    private static boolean sameSecret(String given, String expected) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] a = sha256.digest(given.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha256.digest(expected.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Map<String, Object> discovery() {
        String base = issuer.issuer();
        return Json.object(
                "issuer", base,
                "jwks_uri", base + JWKS,
                "token_endpoint", base + OAUTH_TOKEN,
                "grant_types_supported", List.of("client_credentials", "implicit"),
                "scopes_supported", scopes,
                "response_types_supported", List.of("token"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_post"));
    }

    /** Token answers are never cached (RFC 6749, section 5.1). */
    private static HttpGateway.Answer tokenAnswer(Map<String, Object> document) {
        return HttpGateway.Answer.json(200, document).withHeader("Cache-Control", "no-store");
    }

    private static HttpGateway.Answer badRequest(String detail) {
        return HttpGateway.Answer.json(400, JsonApi.errors(400, "Bad Request", detail));
    }

    private static HttpGateway.Answer unauthorized(String detail) {
        return HttpGateway.Answer.json(401, JsonApi.errors(401, "Unauthorized", detail));
    }
}
