package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CORS as API Gateway applies an HTTP API's CorsConfiguration. */
class CorsTest {

    private static final Cors CORS = Cors.of(Map.of(
            "AllowOrigins", List.of("http://localhost:3000", "http://localhost:5173"),
            "AllowMethods", List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"),
            "AllowHeaders", List.of("authorization", "content-type"),
            "ExposeHeaders", List.of("retry-after", "www-authenticate"),
            "MaxAge", 600));

    @Test
    void only_options_with_an_origin_and_a_requested_method_is_a_preflight() {
        assertThat(Cors.isPreflight("OPTIONS", Optional.of("http://localhost:3000"), Optional.of("POST"))).isTrue();
        assertThat(Cors.isPreflight("OPTIONS", Optional.empty(), Optional.of("POST"))).isFalse();
        assertThat(Cors.isPreflight("OPTIONS", Optional.of("http://localhost:3000"), Optional.empty())).isFalse();
        assertThat(Cors.isPreflight("GET", Optional.of("http://localhost:3000"), Optional.of("POST"))).isFalse();
    }

    @Test
    void a_preflight_from_an_allowed_origin_gets_every_allow_header_for_that_origin() {
        assertThat(CORS.preflight("http://localhost:5173")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Access-Control-Allow-Origin", "http://localhost:5173",
                "Access-Control-Allow-Methods", "GET,POST,PUT,DELETE,OPTIONS",
                "Access-Control-Allow-Headers", "authorization,content-type",
                "Access-Control-Max-Age", "600",
                "Vary", "Origin"));
    }

    @Test
    void a_preflight_from_another_origin_gets_no_allow_header() {
        assertThat(CORS.preflight("https://evil.example")).containsExactly(Map.entry("Vary", "Origin"));
        assertThat(CORS.preflight("http://localhost:3000.evil.example")).containsExactly(Map.entry("Vary", "Origin"));
    }

    @Test
    void any_origin_is_answered_with_a_star_when_the_configuration_allows_every_origin() {
        Cors open = Cors.of(Map.of("AllowOrigins", List.of("*"), "AllowMethods", List.of("GET")));
        assertThat(open.preflight("https://anyone.example")).containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(open.apply(Optional.of("https://anyone.example"), Map.of())).containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    void an_answer_to_an_allowed_origin_carries_allow_origin_expose_headers_and_vary_whatever_its_status() {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("Content-Type", "application/json");
        answer.put("WWW-Authenticate", "Bearer realm=\"stockroom\"");
        assertThat(CORS.apply(Optional.of("http://localhost:3000"), answer)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Content-Type", "application/json",
                "WWW-Authenticate", "Bearer realm=\"stockroom\"",
                "Access-Control-Allow-Origin", "http://localhost:3000",
                "Access-Control-Expose-Headers", "retry-after,www-authenticate",
                "Vary", "Origin"));
    }

    @Test
    void the_functions_own_cors_headers_are_dropped_and_its_vary_kept() {
        Map<String, String> answer = Map.of("access-control-allow-origin", "*", "Access-Control-Allow-Credentials", "true",
                "vary", "Accept-Encoding", "Content-Type", "application/json");
        assertThat(CORS.apply(Optional.of("http://localhost:3000"), answer))
                .doesNotContainKeys("access-control-allow-origin", "Access-Control-Allow-Credentials")
                .containsEntry("Access-Control-Allow-Origin", "http://localhost:3000")
                .containsEntry("vary", "Accept-Encoding, Origin")
                .doesNotContainKey("Vary");
        assertThat(CORS.apply(Optional.of("https://evil.example"), answer)).containsOnlyKeys("vary", "Content-Type");
        assertThat(CORS.apply(Optional.empty(), answer)).containsOnlyKeys("vary", "Content-Type");
    }
}
