package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parsed(String json) throws Json.Malformed {
        return (Map<String, Object>) Json.parse(json);
    }

    @Test
    void to_json_is_the_payload_2_0_response_with_status_headers_body_and_not_base64() throws Exception {
        HttpResponse response = JsonApi.data(201, Map.of("id", "sku-1"));

        Map<String, Object> json = parsed(response.toJson());

        assertThat(json).containsExactly(
                Map.entry("statusCode", 201L),
                Map.entry("headers", Map.of("Content-Type", "application/json")),
                Map.entry("body", "{\"data\":{\"id\":\"sku-1\"}}"),
                Map.entry("isBase64Encoded", false));
    }

    @Test
    void to_json_escapes_the_body_as_a_json_string() {
        HttpResponse response = new HttpResponse(200, Map.of(), "{\"a\":\"\"\n\u00e9\"}");

        assertThat(response.toJson())
                .isEqualTo("{\"statusCode\":200,\"headers\":{},\"body\":\"{\\\"a\\\":\\\"\\\"\\n\u00e9\\\"}\",\"isBase64Encoded\":false}");
    }

    @Test
    void a_204_without_a_body_leaves_the_body_out() throws Exception {
        String json = JsonApi.noContent().toJson();

        assertThat(json).isEqualTo("{\"statusCode\":204,\"headers\":{},\"isBase64Encoded\":false}");
        assertThat(parsed(json)).doesNotContainKey("body");
    }

    @Test
    void an_empty_body_is_kept() throws Exception {
        assertThat(parsed(new HttpResponse(200, Map.of(), "").toJson())).containsEntry("body", "");
    }

    @Test
    void every_header_is_written() throws Exception {
        HttpResponse response = new HttpResponse(429, Map.of("Content-Type", "application/json", "Retry-After", "3"), "{}")
                .withHeader("Idempotent-Replayed", "true");

        assertThat(parsed(response.toJson()).get("headers"))
                .isEqualTo(Map.of("Content-Type", "application/json", "Retry-After", "3", "Idempotent-Replayed", "true"));
    }

    @Test
    void with_header_adds_or_replaces_one_header_and_leaves_the_original_as_it_was() {
        HttpResponse original = new HttpResponse(200, Map.of("Content-Type", "application/json"), "{}");

        HttpResponse added = original.withHeader("ETag", "\"1\"");
        HttpResponse replaced = original.withHeader("Content-Type", "text/plain");

        assertThat(added.headers()).containsOnly(Map.entry("Content-Type", "application/json"), Map.entry("ETag", "\"1\""));
        assertThat(replaced.headers()).containsOnly(Map.entry("Content-Type", "text/plain"));
        assertThat(original.headers()).containsOnly(Map.entry("Content-Type", "application/json"));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).isEqualTo("{}");
    }

    @Test
    void null_headers_are_none_and_the_headers_cannot_be_changed_from_outside() {
        Map<String, String> given = new HashMap<>(Map.of("A", "1"));
        HttpResponse response = new HttpResponse(200, given, null);
        given.put("B", "2");

        assertThat(new HttpResponse(204, null, null).headers()).isEmpty();
        assertThat(response.headers()).containsOnly(Map.entry("A", "1"));
        assertThatThrownBy(() -> response.headers().put("C", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void the_401_answer_has_its_challenge_and_its_content_type() throws Exception {
        HttpResponse response = JsonApi.error(new ApiError(401, "Unauthorized", "no token"));

        assertThat(parsed(response.toJson()).get("headers"))
                .isEqualTo(Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer realm=\"stockroom\""));
    }

    @Test
    void every_503_and_429_error_says_when_to_try_again_and_no_other_error_does() throws Exception {
        assertThat(JsonApi.error(new ApiError(503, "Service Unavailable", "the gateway refused")).headers())
                .containsEntry("Retry-After", "1");
        assertThat(JsonApi.error(new ApiError(429, "Too Many Requests", "slow down")).headers()).containsEntry("Retry-After", "1");
        assertThat(JsonApi.error(ApiError.badRequest("no")).headers()).doesNotContainKey("Retry-After");
        assertThat(JsonApi.error(ApiError.conflict("no")).headers()).doesNotContainKey("Retry-After");
    }
}
