package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local gateway enforces template.yaml's JWT authorizer on every route the template
 * declares, as API Gateway does, with real tokens from the stack's own issuer; the issuer's
 * routes, the index and CORS preflight stay open.
 */
@ExtendWith(Stack.class)
class AuthorizerIT {

    private static final String ALLOWED_ORIGIN = "http://localhost:3000";

    /** One route of the template, with sample ids in its path, and the scopes it asks for. */
    record Route(String method, String path, List<String> scopes) {

        /** The path with each parameter replaced by a sample id that names nothing. */
        String samplePath() {
            if (path.equals("$default")) {
                return "/nope";
            }
            return path.replace("{transaction_id}", "01ARZ3NDEKTSV4RRFFQ69G5FAV").replaceAll("\\{[a-z_]+}", "auth-sample-1");
        }

        /** ANY becomes GET: a method every client sends. */
        String sampleMethod() {
            return method.equals("ANY") ? "GET" : method;
        }

        Api.Response call(Api.Client client) {
            String body = List.of("POST", "PUT").contains(sampleMethod()) ? "{}" : null;
            return client.method(sampleMethod(), samplePath(), body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every HttpApi route of template.yaml, read from the template itself. */
    static List<Route> routes() throws Exception {
        Template template = Template.read(Path.of(System.getProperty("stockroom.template", "../template.yaml")));
        List<Route> routes = new ArrayList<>();
        for (Map<String, Object> function : template.resources("AWS::Serverless::Function").values()) {
            for (Map<String, Object> event : Template.mapOfMaps(function.get("Events")).values()) {
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = Template.properties(event);
                    Object scopes = Provisioner.map(p.get("Auth")).get("AuthorizationScopes");
                    routes.add(new Route(String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT), String.valueOf(p.get("Path")),
                            scopes == null ? List.of() : ((List<?>) scopes).stream().map(String::valueOf).toList()));
                }
            }
        }
        assertThat(routes).hasSizeGreaterThan(10);
        return routes;
    }

    static Stream<Route> scopedRoutes() throws Exception {
        return routes().stream().filter(r -> !r.scopes().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static void assertJsonApiError(Api.Response response, int status, String title) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/json");
        assertThat(response.body()).as(response.toString()).isInstanceOf(Map.class);
        assertThat(((Map<String, Object>) response.body()).get("errors")).asList().hasSize(1);
        Map<String, Object> error = response.firstError();
        assertThat(error).containsEntry("status", (long) status).containsEntry("title", title);
        assertThat((String) error.get("detail")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} without a token gets 401")
    @MethodSource("routes")
    void every_route_without_a_token_gets_401_with_a_bearer_challenge(Route route) {
        Api.Response refused = route.call(Api.withoutToken());
        assertJsonApiError(refused, 401, "Unauthorized");
        assertThat(refused.header("WWW-Authenticate")).contains("Bearer realm=\"stockroom\"");
    }

    @Test
    void an_unknown_route_without_a_token_gets_401_too_and_with_one_a_json_api_404() {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            assertJsonApiError(Api.withoutToken().method(method, "/nope", null), 401, "Unauthorized");
        }
        assertJsonApiError(Api.as(Api.token("someone")).get("/nope"), 404, "Not Found");
    }

    /** A token that is wrong in one way each, made with the stack's real issuer key where a signature is needed. */
    private static String badToken(String kind) throws JOSEException {
        LocalIssuer issuer = Stack.get().tokens();
        Instant now = Instant.now();
        JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().issuer(issuer.issuer()).audience(issuer.audience())
                .subject("test-shopper").claim("client_id", "stockroom-local").claim("scope", String.join(" ", Api.ALL_SCOPES))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString());
        return switch (kind) {
            case "expired" -> issuer.sign(valid.issueTime(Date.from(now.minusSeconds(7200))).notBeforeTime(Date.from(now.minusSeconds(7200)))
                    .expirationTime(Date.from(now.minusSeconds(60))).build());
            case "not yet valid" -> issuer.sign(valid.notBeforeTime(Date.from(now.plusSeconds(600))).build());
            case "forged" -> {
                RSAKey sameKid = new RSAKeyGenerator(2048).keyID(issuer.keyId()).generate();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.keyId()).build(), valid.build());
                jwt.sign(new RSASSASigner(sameKid));
                yield jwt.serialize();
            }
            case "alg none" -> new PlainJWT(valid.build()).serialize();
            case "wrong audience" -> issuer.sign(valid.audience("someone-else").build());
            case "wrong issuer" -> issuer.sign(valid.issuer("https://issuer.example").build());
            case "HS256 keyed with the public key" -> {
                byte[] publicKey = issuer.publicKeys().getKeyByKeyId(issuer.keyId()).toRSAKey().toRSAPublicKey().getEncoded();
                JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.keyId()).build(),
                        new Payload(valid.build().toJSONObject()));
                jws.sign(new MACSigner(publicKey));
                yield jws.serialize();
            }
            case "garbage" -> "garbage.\u00ff\u00fe.!!";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "a token that is {0} gets 401 on every route")
    @ValueSource(strings = {"expired", "not yet valid", "forged", "alg none", "wrong audience", "wrong issuer", "HS256 keyed with the public key", "garbage"})
    void every_wrong_kind_of_token_gets_401_on_every_route(String kind) throws Exception {
        Api.Client caller = Api.as(badToken(kind));
        for (Route route : routes()) {
            Api.Response refused = route.call(caller);
            assertJsonApiError(refused, 401, "Unauthorized");
            assertThat(refused.header("WWW-Authenticate")).as(route.toString())
                    .contains("Bearer realm=\"stockroom\", error=\"invalid_token\", error_description=\"" + refused.firstError().get("detail") + "\"");
        }
    }

    @Test
    void garbage_authorization_headers_get_401_never_a_500() {
        for (String header : List.of("Bearer", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer " + "A".repeat(40_000),
                "Bearer bnVsbA.e30.x", "Bearer W10.W10.W10", "\u00e9\u00e8.\u00e0", "Bearer ...", "Bearer .")) {
            Api.Response refused = Api.withAuthorization(header).get("/v2/inventories");
            assertJsonApiError(refused, 401, "Unauthorized");
            assertThat(refused.header("WWW-Authenticate")).get().asString().startsWith("Bearer realm=\"stockroom\", error=\"invalid_token\"");
        }
    }

    @ParameterizedTest(name = "{0} with every scope but its own gets 403")
    @MethodSource("scopedRoutes")
    void a_token_with_every_scope_but_the_routes_gets_403(Route route) {
        List<String> others = Api.ALL_SCOPES.stream().filter(s -> !route.scopes().contains(s)).toList();
        Api.Response refused = route.call(Api.as(Api.token("test-shopper", others)));
        assertJsonApiError(refused, 403, "Forbidden");
        assertThat(refused.firstError().get("detail")).isEqualTo("this route needs one of the scopes: " + String.join(", ", route.scopes()));
        assertThat(refused.header("WWW-Authenticate")).contains(
                "Bearer realm=\"stockroom\", error=\"insufficient_scope\", scope=\"" + String.join(" ", route.scopes()) + "\"");
    }

    @ParameterizedTest(name = "{0} with its own scope gets past the authorizer")
    @MethodSource("routes")
    void a_token_with_one_of_the_routes_scopes_gets_past_the_authorizer(Route route) {
        List<List<String>> grants = route.scopes().isEmpty() ? List.of(List.of()) : route.scopes().stream().map(List::of).toList();
        for (List<String> scopes : grants) {
            Api.Response answered = route.call(Api.as(Api.token("test-shopper", scopes)));
            assertThat(answered.status()).as(route + " with " + scopes + ": " + answered).isNotIn(401, 403).isLessThan(500);
            assertThat(answered.header("WWW-Authenticate")).isEmpty();
        }
    }

    @Test
    void the_index_and_the_issuers_routes_are_open_even_to_a_bad_token() {
        for (Api.Client caller : List.of(Api.withoutToken(), Api.withAuthorization("Bearer garbage"))) {
            Api.Response index = caller.get("/");
            assertThat(index.status()).isEqualTo(200);
            assertThat(index.data().get("token_routes")).asList().containsExactlyInAnyOrder(
                    "POST /local/tokens", "POST /oauth/access_token", "GET /.well-known/jwks.json", "GET /.well-known/openid-configuration");
            assertThat(caller.post("/local/tokens", "{\"scopes\":[\"carts\"]}").status()).isEqualTo(200);
            assertThat(caller.get("/.well-known/jwks.json").status()).isEqualTo(200);
            assertThat(caller.get("/.well-known/openid-configuration").status()).isEqualTo(200);
            assertThat(form(caller, "grant_type=implicit&client_id=stockroom-storefront").status()).isEqualTo(200);
        }
    }

    private static Api.Response form(Api.Client caller, String body) {
        return caller.send("POST", "/oauth/access_token", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Api.Response response) {
        return (Map<String, Object>) response.body();
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @Test
    void elastic_paths_client_credentials_call_gives_an_admin_token_with_every_scope() throws Exception {
        Api.Response answer = form(Api.withoutToken(), "grant_type=client_credentials&client_id=stockroom-admin&client_secret=stockroom-local-secret");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, Object> body = json(answer);
        assertThat(body.keySet()).containsExactlyInAnyOrder("access_token", "token_type", "expires_in", "expires", "identifier");
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        assertThat(body.get("expires_in")).isEqualTo(3600L);
        assertThat(body.get("identifier")).isEqualTo("client_credentials");
        assertThat((Long) body.get("expires")).isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3700);
        String token = (String) body.get("access_token");
        JWTClaimsSet claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo("stockroom-admin");
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrderElementsOf(Api.ALL_SCOPES);
        assertThat(Api.as(token).get("/v2/inventories").status()).isEqualTo(200);
    }

    @Test
    void elastic_paths_implicit_call_gives_a_storefront_token_for_carts_and_orders_only() throws Exception {
        Api.Response answer = form(Api.withoutToken(), "grant_type=implicit&client_id=stockroom-storefront");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, Object> body = json(answer);
        assertThat(body.keySet()).containsExactlyInAnyOrder("access_token", "token_type", "expires_in", "expires", "identifier");
        assertThat(body.get("identifier")).isEqualTo("implicit");
        String token = (String) body.get("access_token");
        JWTClaimsSet claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo("stockroom-storefront");
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder("carts", "orders");
        assertThat(Api.as(token).get("/v2/inventories").status()).isEqualTo(403);
        assertThat(Api.as(token).get("/v2/carts/" + Api.uniqueId("cart") + "/items").status()).isEqualTo(200);
    }

    @Test
    void elastic_paths_token_call_refuses_a_wrong_secret_an_unknown_client_and_bad_input() {
        assertJsonApiError(form(Api.withoutToken(), "grant_type=client_credentials&client_id=stockroom-admin&client_secret=wrong"), 401, "Unauthorized");
        assertJsonApiError(form(Api.withoutToken(), "grant_type=client_credentials&client_id=nobody&client_secret=stockroom-local-secret"), 401, "Unauthorized");
        assertJsonApiError(form(Api.withoutToken(), "grant_type=implicit&client_id=nobody"), 401, "Unauthorized");
        assertJsonApiError(form(Api.withoutToken(), "grant_type=password&username=a&password=b"), 400, "Bad Request");
        assertJsonApiError(form(Api.withoutToken(), "grant_type=client_credentials&client_id=stockroom-admin"), 400, "Bad Request");
        assertJsonApiError(form(Api.withoutToken(), "grant_type=implicit&client_id=%G0"), 400, "Bad Request");
        assertJsonApiError(Api.withoutToken().post("/oauth/access_token", "{\"grant_type\":\"implicit\"}"), 400, "Bad Request");
    }

    @Test
    void a_local_token_verifies_against_the_published_key_and_the_discovery_document_names_it() throws Exception {
        String token = Api.token("verifier", "carts");
        JWKSet keys = JWKSet.parse(Api.withoutToken().get("/.well-known/jwks.json").raw());
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        String issuer = Stack.get().apiEndpoint().toString();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly("stockroom");
        assertThat(claims.getSubject()).isEqualTo("verifier");

        Map<String, Object> discovery = json(Api.withoutToken().get("/.well-known/openid-configuration"));
        assertThat(discovery.get("issuer")).isEqualTo(issuer);
        assertThat(discovery.get("jwks_uri")).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(discovery.get("token_endpoint")).isEqualTo(issuer + "/oauth/access_token");
        assertThat(discovery.get("scopes_supported")).asList().containsExactlyInAnyOrderElementsOf(Api.ALL_SCOPES);
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_by_the_gateway_before_the_authorizer() {
        Api.Response preflight = Api.withoutToken().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").method("OPTIONS", "/v2/inventories/p1", null);
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods").orElseThrow()).contains("POST", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow()).contains("authorization", "content-type");
        assertThat(preflight.header("Access-Control-Max-Age")).contains("600");
        assertThat(preflight.header("Vary")).contains("Origin");
        assertThat(preflight.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void a_preflight_from_another_origin_gets_204_without_allow_headers() {
        Api.Response preflight = Api.withoutToken().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE")
                .method("OPTIONS", "/v2/inventories/p1", null);
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEmpty();
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void answers_to_an_allowed_origin_carry_cors_headers_whatever_their_status() {
        List<Api.Response> answers = List.of(
                Api.withoutToken().header("Origin", ALLOWED_ORIGIN).get("/v2/inventories"),
                Api.as(Api.token("cors", "carts")).header("Origin", ALLOWED_ORIGIN).get("/v2/inventories"),
                Api.asTestShopper().header("Origin", ALLOWED_ORIGIN).get("/v2/inventories/" + Api.uniqueId("missing")),
                Api.asTestShopper().header("Origin", ALLOWED_ORIGIN).get("/v2/inventories"));
        assertThat(answers).extracting(Api.Response::status).containsExactly(401, 403, 404, 200);
        for (Api.Response answer : answers) {
            assertThat(answer.header("Access-Control-Allow-Origin")).as(answer.toString()).contains(ALLOWED_ORIGIN);
            assertThat(answer.header("Access-Control-Expose-Headers").orElseThrow()).contains("www-authenticate", "retry-after");
            assertThat(answer.header("Vary").orElseThrow()).contains("Origin");
        }
        Api.Response elsewhere = Api.withoutToken().header("Origin", "https://evil.example").get("/v2/inventories");
        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(elsewhere.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
