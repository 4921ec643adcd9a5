package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input of every kind gets a clear 4xx JSON:API error and changes nothing. */
@ExtendWith(Stack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private String id;

    @BeforeAll
    void stockToProtect() {
        id = Api.stock(10);
        Api.move(id, "allocate", 3);
    }

    static Stream<Arguments> badTransactions() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"data\":{\"type\":\"stock-transaction\"", 400),
                Arguments.of("not JSON at all", "quantity=5", 400),
                Arguments.of("an empty body", "", 400),
                Arguments.of("a JSON array", "[1,2]", 400),
                Arguments.of("a JSON string", "\"increment\"", 400),
                Arguments.of("no data member", "{\"quantity\":5}", 400),
                Arguments.of("data that is not an object", "{\"data\":[]}", 400),
                Arguments.of("trailing content", tx("increment", "5") + "{}", 400),
                Arguments.of("a duplicated key", "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"increment\",\"quantity\":1,\"quantity\":2}}", 400),
                Arguments.of("a zero quantity", tx("increment", "0"), 400),
                Arguments.of("a negative quantity", tx("decrement", "-5"), 400),
                Arguments.of("a fractional quantity", tx("increment", "1.5"), 400),
                Arguments.of("a whole number written as a fraction", tx("increment", "2.0"), 400),
                Arguments.of("an exponent", tx("increment", "1e3"), 400),
                Arguments.of("a quantity past a billion", tx("increment", "1000000001"), 400),
                Arguments.of("a huge quantity", tx("increment", "99999999999999999999999999999"), 400),
                Arguments.of("a quantity as a string", tx("increment", "\"5\""), 400),
                Arguments.of("a quantity as a boolean", tx("increment", "true"), 400),
                Arguments.of("a null quantity", tx("increment", "null"), 400),
                Arguments.of("no quantity", "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"increment\"}}", 400),
                Arguments.of("an unknown action", tx("steal", "1"), 400),
                Arguments.of("an action in capitals", tx("INCREMENT", "1"), 400),
                Arguments.of("an action that is a number", "{\"data\":{\"type\":\"stock-transaction\",\"action\":1,\"quantity\":1}}", 400),
                Arguments.of("no type", "{\"data\":{\"action\":\"increment\",\"quantity\":1}}", 400),
                Arguments.of("the wrong type", "{\"data\":{\"type\":\"stock\",\"action\":\"increment\",\"quantity\":1}}", 400),
                Arguments.of("deep nesting", "{\"data\":" + "[".repeat(200) + "]".repeat(200) + "}", 400));
    }

    @ParameterizedTest(name = "a transaction with {0} answers {2}")
    @MethodSource("badTransactions")
    void a_bad_stock_transaction_is_refused_with_a_json_api_error_and_changes_nothing(String what, String body, int status) {
        Api.Response refused = Api.post("/v2/inventories/" + id + "/transactions", body);
        assertJsonApiError(refused, status);
        assertThat(levels(id)).containsExactly(10, 7, 3);
    }

    static Stream<Arguments> badCreations() {
        return Stream.of(
                Arguments.of("a zero quantity", "{\"data\":{\"quantity\":0}}"),
                Arguments.of("a negative quantity", "{\"data\":{\"quantity\":-1}}"),
                Arguments.of("a fractional quantity", "{\"data\":{\"quantity\":0.5}}"),
                Arguments.of("a huge quantity", "{\"data\":{\"quantity\":1e40}}"),
                Arguments.of("a string quantity", "{\"data\":{\"quantity\":\"ten\"}}"),
                Arguments.of("the wrong type", "{\"data\":{\"type\":\"order\",\"quantity\":1}}"),
                Arguments.of("no data", "{}"),
                Arguments.of("malformed JSON", "{data:{quantity:1}}"));
    }

    @ParameterizedTest(name = "creating stock with {0} answers 400 and creates nothing")
    @MethodSource("badCreations")
    void bad_stock_creation_is_refused_and_creates_nothing(String what, String body) {
        String fresh = Api.uniqueId("p");
        assertJsonApiError(Api.post("/v2/inventories/" + fresh, body), 400);
        assertThat(Api.get("/v2/inventories/" + fresh).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "the product id {0} answers 400")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "p%20x", "p.x", "p%2Fx", "%C3%A9t%C3%A9", "p%00", "%27%3B--",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void an_odd_or_over_long_product_id_is_refused_on_every_route(String rawId) {
        assertJsonApiError(Api.post("/v2/inventories/" + rawId, "{\"data\":{\"quantity\":1}}"), 400);
        assertJsonApiError(Api.get("/v2/inventories/" + rawId), 400);
        assertJsonApiError(Api.delete("/v2/inventories/" + rawId), 400);
        assertJsonApiError(Api.post("/v2/inventories/" + rawId + "/transactions", tx("increment", "1")), 400);
        assertJsonApiError(Api.get("/v2/inventories/" + rawId + "/transactions"), 400);
    }

    @Test
    void a_two_megabyte_body_is_refused_and_changes_nothing() {
        byte[] big = ("{\"data\":{\"type\":\"stock-transaction\",\"action\":\"increment\",\"quantity\":1,\"pad\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertJsonApiError(Api.postBytes("/v2/inventories/" + id + "/transactions", big), 413);
        assertThat(levels(id)).containsExactly(10, 7, 3);
    }

    @Test
    void a_body_that_is_not_utf8_is_refused() {
        assertJsonApiError(Api.postBytes("/v2/inventories/" + id + "/transactions", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}), 400);
        assertThat(levels(id)).containsExactly(10, 7, 3);
    }

    @Test
    void a_transaction_id_that_is_not_one_answers_404_or_400() {
        assertJsonApiError(Api.get("/v2/inventories/" + id + "/transactions/NOT-A-ULID"), 404);
        assertJsonApiError(Api.get("/v2/inventories/" + id + "/transactions/bad.id"), 400);
    }

    @SuppressWarnings("unchecked")
    static void assertJsonApiError(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body()).as(response.toString()).isInstanceOf(Map.class);
        Map<String, Object> error = response.firstError();
        assertThat(error.get("status")).isEqualTo((long) status);
        assertThat((String) error.get("title")).isNotBlank();
        assertThat((String) error.get("detail")).isNotBlank();
    }

    private static String tx(String action, String quantity) {
        return "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"" + action + "\",\"quantity\":" + quantity + "}}";
    }
}
