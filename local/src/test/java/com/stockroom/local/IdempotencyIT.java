package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.BadInputIT.assertJsonApiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Idempotency-Key}: a retry with the same key, route and body from the same caller answers
 * the first answer again and changes nothing; another body under the key is 422.
 */
@ExtendWith(Stack.class)
class IdempotencyIT {

    private static String move(String action, long quantity) {
        return "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"" + action + "\",\"quantity\":" + quantity + "}}";
    }

    @Test
    void a_stock_transaction_retried_with_its_key_answers_the_same_and_moves_stock_once() {
        String product = stock(10);
        Api.Client admin = Api.asTestShopper().header("Idempotency-Key", Api.uniqueId("key"));

        Api.Response first = admin.post("/v2/inventories/" + product + "/transactions", move("decrement", 3));
        Api.Response retry = admin.post("/v2/inventories/" + product + "/transactions", move("decrement", 3));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(levels(product)).containsExactly(7, 7, 0);
        assertThat(History.await(product, 2)).hasSize(2);
    }

    @Test
    void the_same_key_with_another_body_or_route_is_422_and_changes_nothing() {
        String product = stock(10);
        Api.Client admin = Api.asTestShopper().header("Idempotency-Key", Api.uniqueId("key"));
        assertThat(admin.post("/v2/inventories/" + product + "/transactions", move("decrement", 3)).status()).isEqualTo(200);

        assertJsonApiError(admin.post("/v2/inventories/" + product + "/transactions", move("decrement", 4)), 422);
        assertJsonApiError(admin.post("/v2/inventories/" + Api.uniqueId("p"), "{\"data\":{\"quantity\":4}}"), 422);
        assertThat(levels(product)).containsExactly(7, 7, 0);
    }

    @Test
    void a_key_is_its_callers_another_caller_with_the_same_key_is_another_request() {
        String product = stock(10);
        String key = Api.uniqueId("key");
        Api.Client one = Api.as(Api.token(Api.uniqueId("admin"), "inventory:write")).header("Idempotency-Key", key);
        Api.Client other = Api.as(Api.token(Api.uniqueId("admin"), "inventory:write")).header("Idempotency-Key", key);

        assertThat(one.post("/v2/inventories/" + product + "/transactions", move("decrement", 1)).status()).isEqualTo(200);
        assertThat(other.post("/v2/inventories/" + product + "/transactions", move("decrement", 1)).header("Idempotent-Replayed")).isEmpty();
        assertThat(levels(product)).containsExactly(8, 8, 0);
    }

    @Test
    void a_checkout_and_a_payment_retried_with_their_keys_make_one_order_and_one_payment() {
        String product = stock(10);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 2);
        Api.Client shopper = Api.asTestShopper().header("Idempotency-Key", Api.uniqueId("checkout"));
        String body = "{\"data\":{\"customer\":{\"email\":\"a@example.com\",\"name\":\"A\"},\"shipping_address\":{},\"billing_address\":{}}}";

        Api.Response placed = shopper.post("/v2/carts/" + cart + "/checkout", body);
        Api.Response again = shopper.post("/v2/carts/" + cart + "/checkout", body);
        assertThat(again.data().get("id")).isEqualTo(placed.data().get("id"));

        String order = (String) placed.data().get("id");
        Api.Client payer = Api.asTestShopper().header("Idempotency-Key", Api.uniqueId("pay"));
        String pay = "{\"data\":{\"gateway\":\"manual\",\"payment\":\"tok_silent\"}}";
        Api.Response paid = payer.post("/v2/orders/" + order + "/payments", pay);
        Api.Response paidAgain = payer.post("/v2/orders/" + order + "/payments", pay);
        assertThat(paid.status()).isEqualTo(202);
        assertThat(paidAgain.status()).as("the retry gets the first answer, not 409").isEqualTo(202);
        assertThat(paidAgain.data().get("payment_id")).isEqualTo(paid.data().get("payment_id"));
        assertThat(levels(product)).containsExactly(10, 8, 2);
    }

    @Test
    void concurrent_requests_with_one_key_run_once() throws Exception {
        String product = stock(10);
        String key = Api.uniqueId("key");

        List<Api.Response> answers = ConcurrencyIT.concurrently(6, i -> Api.asTestShopper().header("Idempotency-Key", key)
                .post("/v2/inventories/" + product + "/transactions", move("allocate", 1)));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 409).contains(200);
        assertThat(levels(product)).containsExactly(10, 9, 1);
    }

    @ParameterizedTest(name = "a key of {0} characters is 400")
    @ValueSource(ints = {0, 256})
    void a_key_of_the_wrong_length_is_400_and_changes_nothing(int length) {
        String product = stock(10);
        String given = "k".repeat(length);

        Api.Response refused = Api.asTestShopper().header("Idempotency-Key", given)
                .post("/v2/inventories/" + product + "/transactions", move("decrement", 1));

        assertJsonApiError(refused, 400);
        assertThat(levels(product)).containsExactly(10, 10, 0);
    }
}
