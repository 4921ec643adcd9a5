package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {

    private static HttpRequest withPath(Map<String, String> pathParameters) {
        return HttpEvents.event()
                .routeKey("GET /v2/inventories/{product_id}")
                .pathParameters(pathParameters)
                .set("isBase64Encoded", false)
                .request();
    }

    private static HttpRequest withBody(String body) {
        return HttpEvents.event()
                .routeKey("POST /v2/inventories/{product_id}")
                .body(body)
                .request();
    }

    private static HttpRequest withBase64Body(String base64) {
        return HttpEvents.event()
                .routeKey("POST /v2/inventories/{product_id}")
                .base64Body(base64)
                .request();
    }

    private static HttpRequest withQuery(Map<String, String> query) {
        return HttpEvents.event()
                .routeKey("GET /v2/inventories")
                .query(query)
                .set("isBase64Encoded", false)
                .request();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid body document of exactly {@code bytes} UTF-8 bytes. */
    private static String bodyOfBytes(int bytes) {
        String head = "{\"data\":{\"pad\":\"";
        String tail = "\"}}";
        return head + "a".repeat(bytes - head.length() - tail.length()) + tail;
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    // --- route key and friends

    @Test
    void route_key_method_and_path_default_to_empty_when_absent() {
        HttpRequest request = HttpEvents.event().request();

        assertThat(request.routeKey()).isEmpty();
        assertThat(request.method()).isEmpty();
        assertThat(request.path()).isEmpty();
    }

    @Test
    void route_key_method_and_path_are_read_from_the_event() {
        HttpRequest request = HttpEvents.event()
                .routeKey("GET /v2/inventories")
                .rawPath("/v2/inventories")
                .method("GET")
                .request();

        assertThat(request.routeKey()).isEqualTo("GET /v2/inventories");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v2/inventories");
    }

    // --- id

    @ParameterizedTest
    @ValueSource(strings = {"a", "sku-1", "SKU_2", "0123456789"})
    void id_answers_a_good_path_id(String id) {
        assertThat(withPath(Map.of("product_id", id)).id("product_id")).isEqualTo(id);
    }

    @Test
    void id_answers_a_sixty_four_character_path_id() {
        String id = "x".repeat(64);

        assertThat(withPath(Map.of("product_id", id)).id("product_id")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a.b", "..", "a/b", "a%2Fb", "é", "sku\n", "a+b"})
    void id_refuses_a_bad_path_id_with_400(String id) {
        HttpRequest request = withPath(Map.of("product_id", id));

        assertThatThrownBy(() -> request.id("product_id"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.title()).isEqualTo("Bad Request");
                    assertThat(e.detail()).contains("product_id");
                });
    }

    @Test
    void id_refuses_a_sixty_five_character_path_id_with_400() {
        assertStatus(() -> withPath(Map.of("product_id", "x".repeat(65))).id("product_id"), 400);
    }

    @Test
    void id_refuses_a_missing_path_id_with_400() {
        assertStatus(() -> withPath(Map.of("other", "abc")).id("product_id"), 400);
        assertStatus(() -> withPath(null).id("product_id"), 400);
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("product_id", null);
        assertStatus(() -> withPath(nullValue).id("product_id"), 400);
    }

    // --- data / document

    @Test
    void data_answers_the_data_member() {
        JsonObject data = withBody("{\"data\":{\"type\":\"stock\",\"quantity\":5}}").data();

        assertThat(data.string("type")).isEqualTo("stock");
        assertThat(data.wholeNumber("quantity", 1, 10)).isEqualTo(5);
    }

    @Test
    void data_names_its_fields_under_data() {
        JsonObject data = withBody("{\"data\":{\"quantity\":\"5\"}}").data();

        assertThatThrownBy(() -> data.wholeNumber("quantity", 1, 10))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.detail()).startsWith("data.quantity "));
    }

    @Test
    void data_refuses_a_missing_body_with_400() {
        assertStatus(() -> withBody(null).data(), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void data_refuses_an_empty_body_with_400(String body) {
        assertStatus(() -> withBody(body).data(), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"data\":{}}]", "42", "\"data\"", "true", "null"})
    void data_refuses_a_body_that_is_not_an_object_with_400(String body) {
        assertThatThrownBy(() -> withBody(body).data())
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).contains("JSON object");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"stock\"}", "{\"data\":null}", "{\"data\":[]}", "{\"data\":5}",
            "{\"data\":\"x\"}"})
    void data_refuses_a_body_without_a_data_object_with_400(String body) {
        assertThatThrownBy(() -> withBody(body).data())
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).contains("data");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"data\":{}} {}", "{\"data\":{},\"data\":{}}", "not json"})
    void data_refuses_malformed_json_with_400(String body) {
        assertStatus(() -> withBody(body).data(), 400);
    }

    @Test
    void document_answers_the_whole_body() {
        JsonObject document = withBody("{\"data\":{},\"meta\":{\"x\":\"y\"}}").document();

        assertThat(document.has("data")).isTrue();
        assertThat(document.object("meta").string("x")).isEqualTo("y");
    }

    // --- base64

    @Test
    void a_base64_body_is_decoded() {
        JsonObject data = withBase64Body(base64("{\"data\":{\"quantity\":7,\"name\":\"caf\u00e9\"}}")).data();

        assertThat(data.wholeNumber("quantity", 1, 10)).isEqualTo(7);
        assertThat(data.string("name")).isEqualTo("café");
    }

    @Test
    void a_body_not_marked_base64_is_not_decoded() {
        String encoded = base64("{\"data\":{}}");

        assertStatus(() -> withBody(encoded).data(), 400);
    }

    @Test
    void a_body_marked_base64_that_is_not_is_refused_with_400() {
        assertStatus(() -> withBase64Body("{\"data\":{}}").data(), 400);
    }

    private static HttpRequest withBase64Bytes(byte[] bytes) {
        return withBase64Body(Base64.getEncoder().encodeToString(bytes));
    }

    private static byte[] bytes(String prefix, int[] middle, String suffix) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < middle.length; i++) {
            all[head.length + i] = (byte) middle[i];
        }
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    static java.util.stream.Stream<int[]> notUtf8() {
        return java.util.stream.Stream.of(
                new int[] {0xff},                   // never valid in UTF-8
                new int[] {0xe9},                   // Latin-1 'é'
                new int[] {0xc3},                   // a lead byte with no continuation
                new int[] {0x80},                   // a lone continuation byte
                new int[] {0xc0, 0xaf},             // an overlong '/'
                new int[] {0xe0, 0x80, 0xaf},       // an overlong '/' in three bytes
                new int[] {0xed, 0xa0, 0x80},       // an encoded surrogate (CESU-8)
                new int[] {0xf4, 0x90, 0x80, 0x80}, // past U+10FFFF
                new int[] {0xf8, 0x88, 0x80, 0x80, 0x80});
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("notUtf8")
    void a_base64_body_that_is_not_utf8_is_refused_with_400_never_read_as_replacement_characters(int[] bad) {
        HttpRequest request = withBase64Bytes(bytes("{\"data\":{\"name\":\"A", bad, "\",\"quantity\":1}}"));

        assertThatThrownBy(request::data).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail()).contains("UTF-8");
        });
    }

    @Test
    void a_body_that_starts_with_a_byte_order_mark_is_refused_with_400() {
        HttpRequest request = withBase64Bytes(bytes("", new int[] {0xef, 0xbb, 0xbf}, "{\"data\":{\"quantity\":1}}"));

        assertThatThrownBy(request::data).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail()).contains("byte order mark");
        });
        assertStatus(() -> withBody("\ufeff{\"data\":{\"quantity\":1}}").data(), 400);
    }

    @Test
    void a_utf16_body_is_refused_with_400() {
        byte[] utf16 = "{\"data\":{\"quantity\":1}}".getBytes(StandardCharsets.UTF_16);

        assertStatus(() -> withBase64Bytes(utf16).data(), 400);
        assertStatus(() -> withBase64Bytes("{\"data\":{\"quantity\":1}}".getBytes(StandardCharsets.UTF_16LE)).data(), 400);
    }

    @Test
    void a_base64_body_of_valid_utf8_with_four_byte_characters_is_read() {
        JsonObject data = withBase64Body(base64("{\"data\":{\"name\":\"\ud83d\ude00 caf\u00e9\"}}")).data();

        assertThat(data.string("name")).isEqualTo("\ud83d\ude00 café");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999999", "-1e999999999999", "1e-999999999999", "1E+2", "-0", "1.0", "0.5", "1e2147483647",
            "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"})
    void any_number_that_is_not_a_whole_number_in_range_is_a_400_never_a_crash(String number) {
        HttpRequest request = withBody("{\"data\":{\"quantity\":" + number + "}}");

        assertThatThrownBy(() -> request.data().wholeNumber("quantity", 1, 1_000_000_000))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void a_lone_surrogate_in_a_body_string_is_refused_with_400() {
        assertStatus(() -> withBody("{\"data\":{\"name\":\"A\\ud800\"}}").data(), 400);
        assertStatus(() -> withBase64Body(base64("{\"data\":{\"name\":\"A\\udc00\"}}")).data(), 400);
    }

    // --- size

    @Test
    void a_body_of_exactly_the_largest_size_is_accepted() {
        String body = bodyOfBytes(HttpRequest.MAX_BODY_BYTES);

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(HttpRequest.MAX_BODY_BYTES);
        assertThat(withBody(body).data().has("pad")).isTrue();
    }

    @Test
    void a_body_over_the_largest_size_is_refused_with_413() {
        String body = bodyOfBytes(HttpRequest.MAX_BODY_BYTES + 1);

        assertThatThrownBy(() -> withBody(body).data())
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.title()).isEqualTo("Payload Too Large");
                });
    }

    @Test
    void a_body_within_the_largest_size_in_characters_but_over_it_in_utf8_bytes_is_refused_with_413() {
        // 40,000 'é' are 40,000 characters but 80,000 bytes
        String body = "{\"data\":{\"pad\":\"" + "é".repeat(40_000) + "\"}}";

        assertThat(body.length()).isLessThan(HttpRequest.MAX_BODY_BYTES);
        assertStatus(() -> withBody(body).data(), 413);
    }

    @Test
    void a_base64_body_that_decodes_to_exactly_the_largest_size_is_accepted() {
        assertThat(withBase64Body(base64(bodyOfBytes(HttpRequest.MAX_BODY_BYTES))).data().has("pad")).isTrue();
    }

    @Test
    void a_base64_body_that_decodes_to_over_the_largest_size_is_refused_with_413() {
        assertStatus(() -> withBase64Body(base64(bodyOfBytes(HttpRequest.MAX_BODY_BYTES + 1))).data(), 413);
    }

    @Test
    void a_huge_base64_body_is_refused_with_413() {
        assertStatus(() -> withBase64Body(base64(bodyOfBytes(HttpRequest.MAX_BODY_BYTES * 4))).data(), 413);
    }

    // --- query

    @Test
    void query_int_is_empty_when_not_given() {
        assertThat(withQuery(null).queryInt("limit", 1, 100)).isEmpty();
        assertThat(withQuery(Map.of("other", "5")).queryInt("limit", 1, 100)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "25", "100", "007"})
    void query_int_answers_a_whole_number_in_range(String raw) {
        assertThat(withQuery(Map.of("limit", raw)).queryInt("limit", 1, 100)).contains(Integer.parseInt(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "999999999", "1234567890", "99999999999999999999", "-1", "+5", "1.5", "1e2",
            "", " 5", "5 ", "abc", "0x10"})
    void query_int_refuses_anything_else_with_400(String raw) {
        HttpRequest request = withQuery(Map.of("limit", raw));

        assertThatThrownBy(() -> request.queryInt("limit", 1, 100))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).isEqualTo("limit must be a whole number from 1 to 100");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-5"})
    void query_int_refuses_a_sign_even_when_the_range_starts_at_zero(String raw) {
        assertStatus(() -> withQuery(Map.of("offset", raw)).queryInt("offset", 0, 10), 400);
    }

    @Test
    void query_answers_the_raw_value() {
        assertThat(withQuery(Map.of("cursor", "abc")).query("cursor")).contains("abc");
        assertThat(withQuery(null).query("cursor")).isEmpty();
    }

    // --- members of the wrong type are read as absent

    @Test
    void a_null_event_is_an_empty_request() {
        HttpRequest request = new HttpRequest(null);

        assertThat(request.routeKey()).isEmpty();
        assertThat(request.method()).isEmpty();
        assertThat(request.path()).isEmpty();
        assertThat(request.header("content-type")).isEmpty();
        assertThat(request.query("limit")).isEmpty();
        assertStatus(() -> request.id("product_id"), 400);
        assertStatus(request::data, 400);
        assertStatus(request::caller, 401);
    }

    @Test
    void a_route_key_path_or_method_that_is_not_a_string_is_empty() {
        HttpRequest request = HttpEvents.event()
                .set("routeKey", 5L)
                .set("rawPath", List.of("/v2/inventories"))
                .set("requestContext", Map.of("http", Map.of("method", true)))
                .request();

        assertThat(request.routeKey()).isEmpty();
        assertThat(request.path()).isEmpty();
        assertThat(request.method()).isEmpty();
        assertThat(HttpEvents.event().set("requestContext", "GET").request().method()).isEmpty();
        assertThat(HttpEvents.event().set("requestContext", Map.of("http", "GET")).request().method()).isEmpty();
    }

    @Test
    void headers_that_are_not_an_object_or_a_header_that_is_not_a_string_are_absent() {
        assertThat(HttpEvents.event().set("headers", "content-type: application/json").request().header("content-type")).isEmpty();
        assertThat(HttpEvents.event().set("headers", List.of("content-type")).request().header("content-type")).isEmpty();

        HttpRequest request = HttpEvents.event().header("x-number", 5L).header("x-list", List.of("a")).header("x-null", null)
                .header("X-Text", "yes").request();

        assertThat(request.header("x-number")).isEmpty();
        assertThat(request.header("x-list")).isEmpty();
        assertThat(request.header("x-null")).isEmpty();
        assertThat(request.header("x-text")).contains("yes");
    }

    @Test
    void a_path_parameter_that_is_not_a_string_is_absent() {
        assertStatus(() -> HttpEvents.event().pathParameter("product_id", 42L).request().id("product_id"), 400);
        assertStatus(() -> HttpEvents.event().pathParameter("product_id", Map.of("S", "sku-1")).request().id("product_id"), 400);
        assertStatus(() -> HttpEvents.event().set("pathParameters", "product_id=sku-1").request().id("product_id"), 400);
        assertThat(HttpEvents.event().pathParameter("other", 1L).pathParameter("product_id", "sku-1").request().id("product_id"))
                .isEqualTo("sku-1");
    }

    @Test
    void query_parameters_that_are_not_an_object_or_a_value_that_is_not_a_string_are_absent() {
        assertThat(HttpEvents.event().set("queryStringParameters", List.of("limit=5")).request().query("limit")).isEmpty();
        assertThat(HttpEvents.event().query(Map.of("limit", 5L)).request().queryInt("limit", 1, 100)).isEmpty();
        assertThat(HttpEvents.event().query(Map.of("limit", List.of("5"))).request().query("limit")).isEmpty();
    }

    @Test
    void a_body_that_is_not_a_string_is_no_body() {
        HttpRequest request = HttpEvents.event().set("body", Map.of("data", Map.of())).set("isBase64Encoded", false).request();

        assertThatThrownBy(request::data).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail()).contains("needs a JSON body");
        });
        assertThat(request.rawBody()).isEmpty();
    }

    @Test
    void is_base64_encoded_that_is_not_a_boolean_is_false() {
        String encoded = base64("{\"data\":{\"quantity\":1}}");
        HttpRequest stringTrue = HttpEvents.event().set("body", encoded).set("isBase64Encoded", "true").request();
        HttpRequest plain = HttpEvents.event().set("body", "{\"data\":{\"quantity\":1}}").set("isBase64Encoded", 1L).request();

        assertStatus(stringTrue::data, 400);
        assertThat(stringTrue.rawBody()).isEqualTo(encoded);
        assertThat(plain.data().wholeNumber("quantity", 1, 10)).isEqualTo(1);
        assertThat(HttpEvents.event().base64Body(encoded).request().rawBody()).isEqualTo("b64:" + encoded);
    }

    @Test
    void an_authorizer_of_the_wrong_shape_is_no_verified_caller() {
        assertStatus(() -> HttpEvents.event().set("requestContext", Map.of("authorizer", "jwt")).request().caller(), 401);
        assertStatus(() -> HttpEvents.event().authorizer(Map.of("jwt", List.of())).request().caller(), 401);
        assertStatus(() -> HttpEvents.event().authorizer(HttpEvents.jwt(null, List.of("inventory:read"))).request().caller(), 401);
        assertStatus(() -> HttpEvents.event().authorizer(Map.of("jwt", Map.of("claims", "sub=ann"))).request().caller(), 401);
        assertStatus(() -> HttpEvents.event().authorizer(HttpEvents.jwt(Map.of("sub", 7L), List.of())).request().caller(), 401);
        assertStatus(() -> HttpEvents.event().authorizer(HttpEvents.jwt(Map.of("sub", " "), List.of())).request().caller(), 401);
    }

    @Test
    void claims_and_scopes_of_the_wrong_type_are_left_out_of_the_caller() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "ann");
        claims.put("client_id", 12L);
        claims.put("scope", List.of("orders"));
        Map<String, Object> jwt = new HashMap<>();
        jwt.put("claims", claims);
        jwt.put("scopes", java.util.Arrays.asList("carts", 5L, null, Map.of("x", "y"), "orders:write"));

        Caller caller = HttpEvents.event().authorizer(Map.of("jwt", jwt)).request().caller();

        assertThat(caller).isEqualTo(new Caller("ann", java.util.Optional.empty(), java.util.Set.of("carts", "orders:write")));
        assertThat(HttpEvents.event().authorizer(Map.of("jwt", Map.of("claims", Map.of("sub", "bob"), "scopes", "carts")))
                .request().caller().scopes()).isEmpty();
    }

    @Test
    void scopes_come_from_the_scopes_list_and_the_scope_claim_together() {
        Caller caller = HttpEvents.event()
                .authorizer(HttpEvents.jwt(Map.of("sub", "ann", "scope", "  carts   orders "), List.of("orders", "inventory:read")))
                .request().caller();

        assertThat(caller.scopes()).containsExactlyInAnyOrder("carts", "orders", "inventory:read");
        assertThat(caller.clientId()).isEmpty();
    }

    @Test
    void an_http_api_event_as_api_gateway_sends_it_is_read_from_its_json() throws Exception {
        String text = """
                {"version":"2.0","routeKey":"POST /v2/inventories/{product_id}","rawPath":"/v2/inventories/sku-1",
                 "rawQueryString":"limit=5","headers":{"content-type":"application/json","idempotency-key":"k1"},
                 "queryStringParameters":{"limit":"5"},
                 "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"api.example","stage":"$default",
                   "authorizer":{"jwt":{"claims":{"sub":"admin-1","client_id":"back-office","scope":"inventory:write",
                     "exp":"1764800000"},"scopes":null}},
                   "http":{"method":"POST","path":"/v2/inventories/sku-1","protocol":"HTTP/1.1","sourceIp":"192.0.2.1",
                     "userAgent":"curl"},"requestId":"id","routeKey":"POST /v2/inventories/{product_id}","time":"01/Dec/2026:10:00:00 +0000",
                   "timeEpoch":1764583200000},
                 "pathParameters":{"product_id":"sku-1"},"body":"eyJkYXRhIjp7InF1YW50aXR5IjozfX0=","isBase64Encoded":true}
                """;

        HttpRequest request = new HttpRequest(com.stockroom.lambda.Events.read(
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

        assertThat(request.routeKey()).isEqualTo("POST /v2/inventories/{product_id}");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/inventories/sku-1");
        assertThat(request.header("Idempotency-Key")).contains("k1");
        assertThat(request.queryInt("limit", 1, 100)).contains(5);
        assertThat(request.id("product_id")).isEqualTo("sku-1");
        assertThat(request.data().wholeNumber("quantity", 1, 10)).isEqualTo(3);
        assertThat(request.caller()).isEqualTo(new Caller("admin-1", java.util.Optional.of("back-office"),
                java.util.Set.of("inventory:write")));
    }
}
