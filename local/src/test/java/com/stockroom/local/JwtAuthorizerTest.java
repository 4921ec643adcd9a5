package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.stockroom.web.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The local JWT authorizer decides as API Gateway's does, for every kind of good and bad token. */
class JwtAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISSUER = "http://127.0.0.1:3999";
    private static final LocalIssuer TOKENS = new LocalIssuer(ISSUER, "stockroom", CLOCK);
    private static final JwtAuthorizer AUTHORIZER = new JwtAuthorizer(
            new JwtAuthorizer.Configuration(ISSUER, List.of("stockroom"), "Authorization"), TOKENS.publicKeys(), CLOCK);
    private static final List<String> INVENTORY_READ = List.of("inventory:read");

    /** A token that passes every check, for the subject shopper-1 with inventory:read and carts. */
    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience("stockroom").subject("shopper-1").claim("client_id", "storefront-1")
                .claim("scope", "inventory:read carts")
                .issueTime(Date.from(NOW.minusSeconds(60))).notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(3600))).jwtID("jti-1");
    }

    private static String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
        return TOKENS.sign(change.apply(valid()).build());
    }

    private static JwtAuthorizer.Verdict authorize(String header, List<String> routeScopes) {
        return AUTHORIZER.authorize(header == null ? null : List.of(header), routeScopes);
    }

    private static JwtAuthorizer.Refused refused(String header) {
        JwtAuthorizer.Verdict verdict = authorize(header, INVENTORY_READ);
        assertThat(verdict).as(header == null ? "no header" : header.substring(0, Math.min(80, header.length())))
                .isInstanceOf(JwtAuthorizer.Refused.class);
        return (JwtAuthorizer.Refused) verdict;
    }

    private static JwtAuthorizer.Allowed allowed(String header, List<String> routeScopes) {
        JwtAuthorizer.Verdict verdict = authorize(header, routeScopes);
        assertThat(verdict).isInstanceOf(JwtAuthorizer.Allowed.class);
        return (JwtAuthorizer.Allowed) verdict;
    }

    @Test
    void a_request_without_a_token_gets_401_with_a_bare_bearer_challenge() {
        for (List<String> none : List.of(List.<String>of(), List.of(""), List.of("   "))) {
            JwtAuthorizer.Verdict verdict = AUTHORIZER.authorize(none, INVENTORY_READ);
            assertThat(verdict).isInstanceOf(JwtAuthorizer.Refused.class);
            JwtAuthorizer.Refused refused = (JwtAuthorizer.Refused) verdict;
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.title()).isEqualTo("Unauthorized");
            assertThat(refused.challenge()).isEqualTo("Bearer realm=\"stockroom\"");
            assertThat(refused.detail()).contains("access token");
        }
        assertThat(refused(null).challenge()).isEqualTo("Bearer realm=\"stockroom\"");
    }

    @Test
    void a_valid_token_passes_with_its_claims_as_strings_and_its_scopes() {
        JwtAuthorizer.Allowed allowed = allowed("Bearer " + signed(b -> b), INVENTORY_READ);
        assertThat(allowed.claims())
                .containsEntry("iss", ISSUER).containsEntry("aud", "stockroom").containsEntry("sub", "shopper-1")
                .containsEntry("client_id", "storefront-1").containsEntry("scope", "inventory:read carts")
                .containsEntry("exp", Long.toString(NOW.plusSeconds(3600).getEpochSecond()))
                .containsEntry("iat", Long.toString(NOW.minusSeconds(60).getEpochSecond()))
                .containsEntry("jti", "jti-1");
        assertThat(allowed.scopes()).containsExactly("inventory:read", "carts");
    }

    @Test
    void the_scheme_is_case_insensitive_and_a_bare_token_is_accepted_as_api_gateway_accepts_it() {
        String token = signed(b -> b);
        for (String header : List.of("bearer " + token, "BEARER " + token, "Bearer   " + token + " ", token)) {
            assertThat(authorize(header, INVENTORY_READ)).as(header.substring(0, 10)).isInstanceOf(JwtAuthorizer.Allowed.class);
        }
    }

    static Stream<Arguments> badTokens() throws Exception {
        RSAKey otherKeySameKid = new RSAKeyGenerator(2048).keyID(TOKENS.keyId()).generate();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("someone-else").generate();
        byte[] publicKeyBytes = TOKENS.publicKeys().getKeyByKeyId(TOKENS.keyId()).toRSAKey().toRSAPublicKey().getEncoded();
        JWTClaimsSet claims = valid().build();
        String realHeader = signed(b -> b).split("\\.")[0];
        return Stream.of(
                Arguments.of("an expired token", "Bearer " + signed(b -> b.expirationTime(Date.from(NOW.minusSeconds(10)))), "the access token has expired"),
                Arguments.of("a token not valid yet", "Bearer " + signed(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(60)))), "not valid yet"),
                Arguments.of("a token issued in the future", "Bearer " + signed(b -> b.issueTime(Date.from(NOW.plusSeconds(60)))), "issued in the future"),
                Arguments.of("a token without exp", "Bearer " + signed(b -> b.expirationTime(null)), "no expiry"),
                Arguments.of("a token from another issuer", "Bearer " + signed(b -> b.issuer("https://issuer.example")), "another issuer"),
                Arguments.of("a token without iss", "Bearer " + signed(b -> b.issuer(null)), "another issuer"),
                Arguments.of("a token for another audience", "Bearer " + signed(b -> b.audience("billing")), "audience"),
                Arguments.of("a token without aud whose client_id is no audience", "Bearer " + signed(b -> b.audience((String) null)), "audience"),
                Arguments.of("a token whose exp is not a number", "Bearer " + signed(b -> b.claim("exp", "tomorrow")), "claims"),
                Arguments.of("a forged signature (another key, same kid)", "Bearer " + rs256(otherKeySameKid, claims), "signature"),
                Arguments.of("a key id the issuer does not have", "Bearer " + rs256(otherKey, claims), "kid"),
                Arguments.of("no key id", "Bearer " + withoutKeyId(otherKey, claims), "kid"),
                Arguments.of("alg none", "Bearer " + new PlainJWT(claims).serialize(), "RS256"),
                Arguments.of("HS256 keyed with the public key's bytes", "Bearer " + hs256(publicKeyBytes, claims), "RS256"),
                Arguments.of("RS512", "Bearer " + signed(otherKeySameKid, JWSAlgorithm.RS512, claims), "RS256"),
                Arguments.of("the signature cut off", "Bearer " + realHeader + "." + Base64URL.encode(claims.toString()) + ".", "well-formed"),
                Arguments.of("claims changed after signing", "Bearer " + tampered(signed(b -> b), valid().subject("admin").build()), "signature"),
                Arguments.of("garbage", "Bearer not-a-jwt", "well-formed"),
                Arguments.of("three garbage parts", "Bearer a.b.c", "well-formed"),
                Arguments.of("bad base64", "Bearer !!!.***.???", "well-formed"),
                Arguments.of("non-ASCII", "Bearer \u00e9t\u00e9.\u00e0.\u00f9", "well-formed"),
                Arguments.of("a header that is JSON null", "Bearer " + Base64URL.encode("null") + ".e30.abc", "well-formed"),
                Arguments.of("a header that is a JSON array", "Bearer " + Base64URL.encode("[1,2]") + ".e30.abc", "well-formed"),
                Arguments.of("a deeply nested header", "Bearer " + Base64URL.encode("{\"alg\":\"RS256\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}") + ".e30.abc", "well-formed"),
                Arguments.of("claims that are not a JSON object, unsigned", "Bearer " + realHeader + "." + Base64URL.encode("[1,2]") + ".abc", "signature"),
                Arguments.of("a huge header", "Bearer " + "A".repeat(200_000), "too long"),
                Arguments.of("Bearer and nothing", "Bearer", "no token after Bearer"),
                Arguments.of("Basic credentials", "Basic dXNlcjpwYXNz", "well-formed"));
    }

    @ParameterizedTest(name = "{0} gets 401")
    @MethodSource("badTokens")
    void a_bad_token_of_each_kind_gets_401_saying_why(String kind, String header, String reason) {
        JwtAuthorizer.Refused refused = refused(header);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.title()).isEqualTo("Unauthorized");
        assertThat(refused.detail()).contains(reason);
        assertThat(refused.challenge()).isEqualTo(
                "Bearer realm=\"stockroom\", error=\"invalid_token\", error_description=\"" + refused.detail() + "\"");
        // RFC 6750: the description is a quoted string of printable ASCII without quote or backslash.
        assertThat(refused.detail()).matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    }

    @Test
    void two_authorization_headers_get_401() {
        String token = signed(b -> b);
        JwtAuthorizer.Verdict verdict = AUTHORIZER.authorize(List.of("Bearer " + token, "Bearer " + token), INVENTORY_READ);
        assertThat(verdict).isInstanceOf(JwtAuthorizer.Refused.class);
        assertThat(((JwtAuthorizer.Refused) verdict).detail()).contains("more than one");
    }

    @Test
    void time_checks_allow_five_seconds_of_clock_skew_and_no_more() {
        assertThat(authorize("Bearer " + signed(b -> b.expirationTime(Date.from(NOW.minusSeconds(4)))), INVENTORY_READ))
                .isInstanceOf(JwtAuthorizer.Allowed.class);
        assertThat(authorize("Bearer " + signed(b -> b.expirationTime(Date.from(NOW.minusSeconds(6)))), INVENTORY_READ))
                .isInstanceOf(JwtAuthorizer.Refused.class);
        assertThat(authorize("Bearer " + signed(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(4))).issueTime(Date.from(NOW.plusSeconds(4)))), INVENTORY_READ))
                .isInstanceOf(JwtAuthorizer.Allowed.class);
        assertThat(authorize("Bearer " + signed(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(6)))), INVENTORY_READ))
                .isInstanceOf(JwtAuthorizer.Refused.class);
        assertThat(authorize("Bearer " + signed(b -> b.issueTime(Date.from(NOW.plusSeconds(6)))), INVENTORY_READ))
                .isInstanceOf(JwtAuthorizer.Refused.class);
    }

    @Test
    void a_token_without_aud_is_judged_by_its_client_id_and_a_multi_valued_aud_by_any_of_its_values() {
        JwtAuthorizer.Allowed byClientId = allowed("Bearer " + signed(b -> b.audience((String) null).claim("client_id", "stockroom")), INVENTORY_READ);
        assertThat(byClientId.claims()).doesNotContainKey("aud").containsEntry("client_id", "stockroom");
        JwtAuthorizer.Allowed multi = allowed("Bearer " + signed(b -> b.audience(List.of("billing", "stockroom"))), INVENTORY_READ);
        assertThat(multi.claims()).containsEntry("aud", "[billing stockroom]");
        // With an aud, client_id does not count.
        assertThat(authorize("Bearer " + signed(b -> b.audience("billing").claim("client_id", "stockroom")), INVENTORY_READ))
                .isInstanceOf(JwtAuthorizer.Refused.class);
    }

    @Test
    void a_token_without_any_of_the_routes_scopes_gets_403_naming_them() {
        List<String> orderScopes = List.of("orders", "orders:write");
        JwtAuthorizer.Verdict verdict = authorize("Bearer " + signed(b -> b.claim("scope", "inventory:read carts")), orderScopes);
        assertThat(verdict).isInstanceOf(JwtAuthorizer.Refused.class);
        JwtAuthorizer.Refused refused = (JwtAuthorizer.Refused) verdict;
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.title()).isEqualTo("Forbidden");
        assertThat(refused.detail()).isEqualTo("this route needs one of the scopes: orders, orders:write");
        assertThat(refused.challenge()).isEqualTo("Bearer realm=\"stockroom\", error=\"insufficient_scope\", scope=\"orders orders:write\"");
        JwtAuthorizer.Verdict noScopes = authorize("Bearer " + signed(b -> b.claim("scope", null)), orderScopes);
        assertThat(noScopes).isInstanceOf(JwtAuthorizer.Refused.class);
        assertThat(((JwtAuthorizer.Refused) noScopes).status()).isEqualTo(403);
    }

    @Test
    void one_of_the_routes_scopes_is_enough_from_scope_or_scp() {
        assertThat(allowed("Bearer " + signed(b -> b.claim("scope", "orders:write")), List.of("orders", "orders:write")).scopes())
                .containsExactly("orders:write");
        assertThat(allowed("Bearer " + signed(b -> b.claim("scope", null).claim("scp", List.of("orders", "carts"))), List.of("orders")).scopes())
                .containsExactly("orders", "carts");
    }

    @Test
    void a_route_without_scopes_takes_any_valid_token_and_a_token_without_scopes_has_null_scopes() {
        JwtAuthorizer.Allowed allowed = allowed("Bearer " + signed(b -> b.claim("scope", null)), List.of());
        assertThat(allowed.scopes()).isNull();
        Map<?, ?> jwt = (Map<?, ?>) allowed.requestContext().get("jwt");
        assertThat(jwt.get("claims")).isEqualTo(allowed.claims());
        assertThat(jwt.containsKey("scopes")).as("scopes is sent, as null").isTrue();
        assertThat(jwt.get("scopes")).isNull();
    }

    @Test
    void claims_are_rendered_as_api_gateway_renders_them() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "shopper-1");
        claims.put("exp", 1796119200L);
        claims.put("ratio", 0.5);
        claims.put("verified", true);
        claims.put("groups", List.of("admins", "staff"));
        claims.put("address", Map.of("country", "NL"));
        claims.put("nothing", null);
        assertThat(JwtAuthorizer.claimStrings(claims)).containsExactly(
                Map.entry("sub", "shopper-1"), Map.entry("exp", "1796119200"), Map.entry("ratio", "0.5"),
                Map.entry("verified", "true"), Map.entry("groups", "[admins staff]"), Map.entry("address", "{\"country\":\"NL\"}"));
    }

    @Test
    void the_claims_reach_the_handler_where_the_lambda_runtime_reads_them() {
        JwtAuthorizer.Allowed allowed = allowed("Bearer " + signed(b -> b.audience(List.of("stockroom", "billing"))), INVENTORY_READ);
        String event = Json.write(Json.object(
                "version", "2.0", "routeKey", "GET /v2/inventories", "rawPath", "/v2/inventories", "rawQueryString", "",
                "headers", Map.of("authorization", "Bearer x"),
                "requestContext", Json.object("accountId", "000000000000", "apiId", "local", "routeKey", "GET /v2/inventories",
                        "stage", "$default", "requestId", "r-1", "timeEpoch", NOW.toEpochMilli(),
                        "http", Json.object("method", "GET", "path", "/v2/inventories", "protocol", "HTTP/1.1", "sourceIp", "127.0.0.1"),
                        "authorizer", allowed.requestContext()),
                "isBase64Encoded", false));
        APIGatewayV2HTTPEvent parsed = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = parsed.getRequestContext().getAuthorizer().getJwt();
        assertThat(jwt.getClaims()).containsEntry("sub", "shopper-1").containsEntry("client_id", "storefront-1")
                .containsEntry("aud", "[stockroom billing]").containsEntry("exp", Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
        assertThat(jwt.getScopes()).containsExactly("inventory:read", "carts");
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        return signed(key, JWSAlgorithm.RS256, claims);
    }

    private static String signed(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The token with other claims and its own header and signature. */
    private static String tampered(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }

    private static String withoutKeyId(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String hs256(byte[] secret, JWTClaimsSet claims) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TOKENS.keyId()).build(), new Payload(claims.toJSONObject()));
        jws.sign(new MACSigner(secret));
        return jws.serialize();
    }
}
