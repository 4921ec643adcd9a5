package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stockroom.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local issuer's own routes: what they grant, to whom, and how they refuse. */
class IssuerEndpointsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ISSUER = "http://127.0.0.1:3999";
    private static final List<String> SCOPES = List.of("carts", "inventory:read", "inventory:write", "orders", "orders:write");
    private static final LocalIssuer TOKENS = new LocalIssuer(ISSUER, "stockroom", Clock.fixed(NOW, ZoneOffset.UTC));
    private static final IssuerEndpoints ENDPOINTS = new IssuerEndpoints(TOKENS, SCOPES, IssuerEndpoints.Clients.DEFAULTS);
    private static final Optional<String> FORM = Optional.of("application/x-www-form-urlencoded");
    private static final Optional<String> JSON = Optional.of("application/json");

    private static HttpGateway.Answer post(String path, Optional<String> contentType, String body) {
        return ENDPOINTS.answer("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpGateway.Answer answer) throws Exception {
        return (Map<String, Object>) Json.parse(new String(answer.body(), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static void assertError(HttpGateway.Answer answer, int status, String detailContains) throws Exception {
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(answer.headers()).containsEntry("Content-Type", "application/json");
        Map<String, Object> error = ((List<Map<String, Object>>) json(answer).get("errors")).get(0);
        assertThat(error.get("status")).isEqualTo((long) status);
        assertThat((String) error.get("title")).isNotBlank();
        assertThat((String) error.get("detail")).contains(detailContains);
    }

    /** The token's claims, once its signature is verified with the issuer's public key. */
    private static JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = TOKENS.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    @Test
    void local_tokens_grant_the_scopes_asked_for_to_the_subject_named_for_an_hour() throws Exception {
        HttpGateway.Answer answer = post(IssuerEndpoints.TOKENS, JSON, "{\"scopes\":[\"carts\",\"orders\"],\"sub\":\"shopper-9\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("Cache-Control", "no-store");
        Map<String, Object> body = json(answer);
        assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in")
                .containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);
        JWTClaimsSet claims = verified((String) body.get("access_token"));
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("stockroom");
        assertThat(claims.getSubject()).isEqualTo("shopper-9");
        assertThat(claims.getClaim("client_id")).isEqualTo("stockroom-local");
        assertThat(claims.getClaim("scope")).isEqualTo("carts orders");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(3600)));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void local_tokens_default_the_subject_and_take_a_client_id_and_no_scopes() throws Exception {
        HttpGateway.Answer answer = post(IssuerEndpoints.TOKENS, JSON, "{\"scopes\":[],\"client_id\":\"pos-1\"}");
        JWTClaimsSet claims = verified((String) json(answer).get("access_token"));
        assertThat(claims.getSubject()).isEqualTo("local-user");
        assertThat(claims.getClaim("client_id")).isEqualTo("pos-1");
        assertThat(claims.getClaim("scope")).isEqualTo("");
    }

    @ParameterizedTest(name = "the body {0} gets 400")
    @ValueSource(strings = {
        "", "not json", "[\"carts\"]", "\"carts\"", "{}", "{\"scopes\":\"carts\"}", "{\"scopes\":[\"admin\"]}",
        "{\"scopes\":[\"carts\",7]}", "{\"scopes\":[null]}", "{\"scopes\":[\"carts\"],\"sub\":\"\"}", "{\"scopes\":[\"carts\"],\"sub\":42}",
        "{\"scopes\":[\"carts\"],\"client_id\":[]}", "{\"scopes\":[\"carts\"],\"scopes\":[\"orders\"]}"})
    void a_bad_local_token_request_gets_400(String body) throws Exception {
        assertError(post(IssuerEndpoints.TOKENS, JSON, body), 400, "");
    }

    @Test
    void an_unknown_scope_is_refused_naming_the_scopes_there_are() throws Exception {
        assertError(post(IssuerEndpoints.TOKENS, JSON, "{\"scopes\":[\"carts\",\"everything\"]}"), 400,
                "carts, inventory:read, inventory:write, orders, orders:write");
        assertError(post(IssuerEndpoints.TOKENS, JSON, "{\"scopes\":[\"carts\"],\"sub\":\"" + "s".repeat(256) + "\"}"), 400, "255");
        assertThat(post(IssuerEndpoints.TOKENS, JSON, "{\"scopes\":[\"carts\"],\"sub\":\"" + "s".repeat(255) + "\"}").status()).isEqualTo(200);
    }

    @Test
    void client_credentials_give_the_admin_every_scope_in_elastic_paths_answer() throws Exception {
        HttpGateway.Answer answer = post(IssuerEndpoints.OAUTH_TOKEN, FORM,
                "grant_type=client_credentials&client_id=stockroom-admin&client_secret=stockroom-local-secret");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> body = json(answer);
        assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in", "expires", "identifier")
                .containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L)
                .containsEntry("expires", NOW.plusSeconds(3600).getEpochSecond()).containsEntry("identifier", "client_credentials");
        JWTClaimsSet claims = verified((String) body.get("access_token"));
        assertThat(claims.getSubject()).isEqualTo("stockroom-admin");
        assertThat(claims.getClaim("client_id")).isEqualTo("stockroom-admin");
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrderElementsOf(SCOPES);
    }

    @Test
    void an_implicit_grant_gives_a_storefront_carts_and_orders_only() throws Exception {
        HttpGateway.Answer answer = post(IssuerEndpoints.OAUTH_TOKEN, Optional.of("application/x-www-form-urlencoded; charset=UTF-8"),
                "grant_type=implicit&client_id=stockroom-storefront");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> body = json(answer);
        assertThat(body).containsEntry("identifier", "implicit");
        JWTClaimsSet claims = verified((String) body.get("access_token"));
        assertThat(claims.getSubject()).isEqualTo("stockroom-storefront");
        assertThat(claims.getStringClaim("scope")).isEqualTo("carts orders");
    }

    @Test
    void a_wrong_secret_or_an_unknown_client_gets_401() throws Exception {
        assertError(post(IssuerEndpoints.OAUTH_TOKEN, FORM, "grant_type=client_credentials&client_id=stockroom-admin&client_secret=guess"), 401, "not valid");
        assertError(post(IssuerEndpoints.OAUTH_TOKEN, FORM, "grant_type=client_credentials&client_id=someone&client_secret=stockroom-local-secret"), 401, "not valid");
        assertError(post(IssuerEndpoints.OAUTH_TOKEN, FORM, "grant_type=implicit&client_id=stockroom-admin"), 401, "storefront");
    }

    @ParameterizedTest(name = "the form {0} gets 400")
    @ValueSource(strings = {
        "", "client_id=stockroom-storefront", "grant_type=password&username=a&password=b", "grant_type=implicit",
        "grant_type=client_credentials&client_id=stockroom-admin", "grant_type=client_credentials&client_secret=stockroom-local-secret",
        "grant_type=implicit&client_id=%zz", "grant_type=implicit&grant_type=implicit&client_id=stockroom-storefront", "%",
        "grant_type=implicit&client_id="})
    void a_bad_elastic_path_token_request_gets_400(String form) throws Exception {
        assertError(post(IssuerEndpoints.OAUTH_TOKEN, FORM, form), 400, "");
    }

    @Test
    void the_elastic_path_token_call_must_be_form_encoded() throws Exception {
        assertError(post(IssuerEndpoints.OAUTH_TOKEN, JSON, "{\"grant_type\":\"implicit\",\"client_id\":\"stockroom-storefront\"}"), 400, "form");
        assertError(post(IssuerEndpoints.OAUTH_TOKEN, Optional.empty(), "grant_type=implicit&client_id=stockroom-storefront"), 400, "form");
    }

    @Test
    void the_clients_come_from_the_environment_when_set() throws Exception {
        IssuerEndpoints.Clients clients = IssuerEndpoints.Clients.fromEnvironment(Map.of(
                "STOCKROOM_ADMIN_CLIENT_ID", "ops", "STOCKROOM_ADMIN_CLIENT_SECRET", "s3cret", "STOCKROOM_STOREFRONT_CLIENT_ID", "shop"));
        IssuerEndpoints endpoints = new IssuerEndpoints(TOKENS, SCOPES, clients);
        assertThat(endpoints.answer("POST", IssuerEndpoints.OAUTH_TOKEN, FORM,
                "grant_type=client_credentials&client_id=ops&client_secret=s3cret".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(endpoints.answer("POST", IssuerEndpoints.OAUTH_TOKEN, FORM,
                "grant_type=implicit&client_id=shop".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(endpoints.answer("POST", IssuerEndpoints.OAUTH_TOKEN, FORM,
                "grant_type=client_credentials&client_id=stockroom-admin&client_secret=stockroom-local-secret".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
        assertThat(IssuerEndpoints.Clients.fromEnvironment(Map.of())).isEqualTo(IssuerEndpoints.Clients.DEFAULTS);
        assertThat(clients.toString()).doesNotContain("s3cret");
    }

    @Test
    void the_key_set_publishes_the_public_signing_key_only() throws Exception {
        HttpGateway.Answer answer = ENDPOINTS.answer("GET", IssuerEndpoints.JWKS, Optional.empty(), new byte[0]);
        assertThat(answer.status()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8));
        assertThat(keys.getKeys()).hasSize(1);
        RSAKey key = keys.getKeys().get(0).toRSAKey();
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyID()).isEqualTo(TOKENS.keyId());
        assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
        assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(key.size()).isEqualTo(2048);
        @SuppressWarnings("unchecked")
        Map<String, Object> published = ((List<Map<String, Object>>) json(answer).get("keys")).get(0);
        assertThat(published).containsOnlyKeys("kty", "kid", "use", "alg", "n", "e");
    }

    @Test
    void the_discovery_document_names_the_issuer_its_keys_and_its_token_endpoint() throws Exception {
        Map<String, Object> discovery = json(ENDPOINTS.answer("GET", IssuerEndpoints.DISCOVERY, Optional.empty(), new byte[0]));
        assertThat(discovery)
                .containsEntry("issuer", ISSUER)
                .containsEntry("jwks_uri", ISSUER + "/.well-known/jwks.json")
                .containsEntry("token_endpoint", ISSUER + "/oauth/access_token")
                .containsEntry("grant_types_supported", List.of("client_credentials", "implicit"))
                .containsEntry("scopes_supported", SCOPES)
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
                .containsEntry("token_endpoint_auth_methods_supported", List.of("client_secret_post"))
                .containsKeys("response_types_supported", "subject_types_supported");
    }

    @Test
    void another_method_gets_405_naming_the_one_allowed() throws Exception {
        HttpGateway.Answer answer = ENDPOINTS.answer("GET", IssuerEndpoints.TOKENS, Optional.empty(), new byte[0]);
        assertError(answer, 405, "POST");
        assertThat(answer.headers()).containsEntry("Allow", "POST");
        assertThat(ENDPOINTS.answer("DELETE", IssuerEndpoints.JWKS, Optional.empty(), new byte[0]).headers()).containsEntry("Allow", "GET");
    }
}
