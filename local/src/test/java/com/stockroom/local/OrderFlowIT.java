package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.BadInputIT.assertJsonApiError;
import static com.stockroom.local.Shop.awaitOrder;
import static com.stockroom.local.Shop.is;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The order flow of DESIGN.md, step by step, over HTTP and SQS. */
@ExtendWith(Stack.class)
class OrderFlowIT {

    private static final Duration RESULT = Duration.ofSeconds(5);

    @Test
    void checkout_creates_an_unpaid_order_and_moves_no_stock() {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 2);
        Api.Response order = Shop.checkout(cart);
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.data()).containsEntry("type", "order").containsEntry("status", "incomplete")
                .containsEntry("payment", "unpaid").containsEntry("shipping", "unfulfilled");
        assertThat(order.data().get("items")).isEqualTo(List.of(Map.of("product_id", product, "quantity", 2L)));
        assertThat(Shop.order((String) order.data().get("id"))).containsEntry("status", "incomplete");
        assertThat(levels(product)).containsExactly(5, 5, 0);
    }

    @Test
    void checking_out_more_than_is_available_answers_the_exact_error_and_creates_no_order() {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 4);
        Api.move(product, "decrement", 2);
        Api.Response refused = Shop.checkout(cart);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).isEqualTo(Shop.INSUFFICIENT_TO_CHECK_OUT);
        assertThat(ordersOfCart(cart)).isZero();
    }

    @Test
    void an_empty_cart_cannot_check_out() {
        assertJsonApiError(Shop.checkout(Api.uniqueId("cart")), 400);
    }

    @ParameterizedTest(name = "checking out with {0} answers 400")
    @ValueSource(strings = {"{\"data\":{}}", "{\"data\":{\"customer\":{\"name\":\"Ann\"}}}",
        "{\"data\":{\"customer\":{\"email\":\"not-an-email\",\"name\":\"Ann\"}}}",
        "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"\"}}}",
        "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},\"shipping_address\":\"Oslo\"}}",
        "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},\"billing_address\":{\"city\":5}}}",
        "not json"})
    void bad_checkout_bodies_are_refused_and_create_no_order(String body) {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 1);
        assertJsonApiError(Api.post("/v2/carts/" + cart + "/checkout", body), 400);
        assertThat(ordersOfCart(cart)).isZero();
    }

    @Test
    void more_can_be_checked_out_than_is_in_stock_but_only_what_is_in_stock_can_be_paid_for() {
        String product = stock(5);
        String first = Shop.order(product, 5);
        String second = Shop.order(product, 5);

        assertThat(Shop.pay(first, "tok_visa").status()).isEqualTo(202);
        Api.Response slower = Shop.pay(second, "tok_visa");

        assertThat(slower.status()).isEqualTo(400);
        assertThat(slower.raw()).isEqualTo(Shop.INSUFFICIENT_TO_PAY);
        assertThat(Shop.order(second)).containsEntry("status", "incomplete").containsEntry("payment", "unpaid");
        assertThat(levels(product)).containsExactly(5, 0, 5);
    }

    @Test
    void paying_allocates_at_once_and_a_successful_result_completes_the_order_keeping_the_stock_allocated() {
        String product = stock(5);
        String order = Shop.order(product, 2);
        Api.Response paying = Shop.pay(order, "tok_visa");
        assertThat(paying.status()).isEqualTo(202);
        assertThat(paying.data()).containsEntry("status", "processing").containsEntry("payment", "unpaid");
        assertThat((String) paying.data().get("payment_id")).isNotBlank();

        Map<String, Object> paid = awaitOrder(order, is("complete", "paid"), RESULT);
        assertThat(paid.get("payment_id")).isEqualTo(paying.data().get("payment_id"));
        assertThat(levels(product)).containsExactly(5, 3, 2);
    }

    @Test
    void a_declined_payment_releases_the_stock_and_the_order_can_be_paid_again() {
        String product = stock(5);
        String order = Shop.order(product, 2);
        assertThat(Shop.pay(order, "tok_decline").status()).isEqualTo(202);
        awaitOrder(order, is("incomplete", "unpaid"), RESULT);
        assertThat(levels(product)).containsExactly(5, 5, 0);

        Api.Response again = Shop.pay(order, "tok_visa");
        assertThat(again.status()).isEqualTo(202);
        awaitOrder(order, is("complete", "paid"), RESULT);
        assertThat(levels(product)).containsExactly(5, 3, 2);
    }

    @Test
    void an_order_that_is_processing_paid_or_cancelled_cannot_be_paid() {
        String product = stock(5);
        String processing = Shop.order(product, 1);
        Shop.pay(processing, "tok_silent");
        assertJsonApiError(Shop.pay(processing, "tok_visa"), 409);

        String paid = Shop.order(product, 1);
        Shop.pay(paid, "tok_visa");
        awaitOrder(paid, is("complete", "paid"), RESULT);
        assertJsonApiError(Shop.pay(paid, "tok_visa"), 409);

        String cancelled = Shop.order(product, 1);
        Shop.cancel(cancelled);
        assertJsonApiError(Shop.pay(cancelled, "tok_visa"), 409);
        assertThat(levels(product)).containsExactly(5, 3, 2);
        Shop.cancel(processing);
    }

    @Test
    void shipping_a_paid_order_decrements_allocated_and_total_once_and_shipping_again_is_refused() {
        String product = stock(5);
        String order = Shop.order(product, 2);
        assertJsonApiError(Shop.ship(order), 409);
        Shop.pay(order, "tok_visa");
        awaitOrder(order, is("complete", "paid"), RESULT);

        Api.Response shipped = Shop.ship(order);
        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.data()).containsEntry("shipping", "fulfilled").containsEntry("status", "complete");
        assertJsonApiError(Shop.ship(order), 409);
        assertThat(levels(product)).containsExactly(3, 3, 0);
        assertJsonApiError(Shop.cancel(order), 409);
        assertThat(levels(product)).containsExactly(3, 3, 0);
    }

    @Test
    void cancelling_releases_what_the_order_holds_whether_processing_or_paid_and_is_safe_to_repeat() {
        String product = stock(6);
        String unpaid = Shop.order(product, 1);
        String processing = Shop.order(product, 2);
        String paid = Shop.order(product, 3);
        Shop.pay(processing, "tok_silent");
        Shop.pay(paid, "tok_visa");
        awaitOrder(paid, is("complete", "paid"), RESULT);
        assertThat(levels(product)).containsExactly(6, 1, 5);

        for (String order : List.of(unpaid, processing, paid)) {
            Api.Response cancelled = Shop.cancel(order);
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.data()).containsEntry("status", "cancelled");
            assertThat(Shop.cancel(order).status()).isEqualTo(200);
        }
        assertThat(levels(product)).containsExactly(6, 6, 0);
        assertJsonApiError(Shop.ship(paid), 409);
        assertThat(levels(product)).containsExactly(6, 6, 0);
    }

    @Test
    void the_log_shows_every_allocation_release_and_decrement_with_its_order_id() {
        String product = stock(10);
        String declined = Shop.order(product, 1);
        String shipped = Shop.order(product, 2);
        Shop.pay(declined, "tok_decline");
        awaitOrder(declined, is("incomplete", "unpaid"), RESULT);
        Shop.pay(shipped, "tok_visa");
        awaitOrder(shipped, is("complete", "paid"), RESULT);
        Shop.ship(shipped);

        List<Map<String, Object>> log = History.await(product, 5);
        assertThat(log).hasSize(5);
        assertThat(log).extracting(e -> e.get("action"), e -> e.get("quantity"), e -> e.get("order_id")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("decrement", 2L, shipped),
                org.assertj.core.groups.Tuple.tuple("allocate", 2L, shipped),
                org.assertj.core.groups.Tuple.tuple("deallocate", 1L, declined),
                org.assertj.core.groups.Tuple.tuple("allocate", 1L, declined),
                org.assertj.core.groups.Tuple.tuple("increment", 10L, null));
        assertThat(StockHistoryIT.levels(log.get(0), "after")).containsExactly(8, 8, 0);
    }

    @Test
    void an_admin_deallocate_cannot_release_stock_that_a_paid_order_holds() {
        String product = stock(1);
        String paid = Shop.order(product, 1);
        String another = Shop.order(product, 1);
        Shop.pay(paid, "tok_visa");
        awaitOrder(paid, is("complete", "paid"), RESULT);

        assertJsonApiError(Api.move(product, "deallocate", 1), 422);
        assertThat(levels(product)).containsExactly(1, 0, 1);
        assertThat(Shop.pay(another, "tok_visa").raw()).isEqualTo(Shop.INSUFFICIENT_TO_PAY);

        Api.move(product, "increment", 2);
        Api.move(product, "allocate", 2);
        assertThat(Api.move(product, "deallocate", 2).status()).as("what an admin allocated, an admin may release").isEqualTo(200);
        assertJsonApiError(Api.move(product, "deallocate", 1), 422);
        assertThat(levels(product)).containsExactly(3, 2, 1);
        assertThat(Shop.ship(paid).status()).isEqualTo(200);
        assertThat(levels(product)).containsExactly(2, 2, 0);
    }

    @Test
    void paying_twice_at_once_for_one_order_allocates_once_and_the_second_answers_409() throws Exception {
        String product = stock(5);
        String order = Shop.order(product, 2);
        List<Api.Response> answers = ConcurrencyIT.concurrently(2, i -> Shop.pay(order, "tok_silent"));
        assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(202, 409);
        assertThat(levels(product)).containsExactly(5, 3, 2);
        Shop.cancel(order);
        assertThat(levels(product)).containsExactly(5, 5, 0);
    }

    @Test
    void an_unknown_order_answers_404_on_every_route() {
        String missing = Api.uniqueId("order");
        assertJsonApiError(Api.get("/v2/orders/" + missing), 404);
        assertJsonApiError(Shop.pay(missing, "tok_visa"), 404);
        assertJsonApiError(Shop.ship(missing), 404);
        assertJsonApiError(Shop.cancel(missing), 404);
    }

    @ParameterizedTest(name = "updating an order with {0} answers 400")
    @ValueSource(strings = {"{\"data\":{\"type\":\"order\"}}",
        "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\",\"status\":\"cancelled\"}}",
        "{\"data\":{\"type\":\"order\",\"shipping\":\"unfulfilled\"}}",
        "{\"data\":{\"type\":\"order\",\"status\":\"complete\"}}",
        "{\"data\":{\"shipping\":\"fulfilled\"}}", "{\"data\":{\"type\":\"order\",\"status\":1}}", "[]"})
    void bad_order_updates_are_refused_and_change_nothing(String body) {
        String product = stock(2);
        String order = Shop.order(product, 1);
        assertJsonApiError(Api.method("PUT", "/v2/orders/" + order, body), 400);
        assertThat(Shop.order(order)).containsEntry("status", "incomplete").containsEntry("shipping", "unfulfilled");
    }

    @ParameterizedTest(name = "paying with {0} answers 400")
    @ValueSource(strings = {"{\"data\":{}}", "{\"data\":{\"gateway\":\"manual\"}}",
        "{\"data\":{\"gateway\":\"stripe\",\"payment\":\"tok_visa\"}}",
        "{\"data\":{\"gateway\":\"manual\",\"method\":\"authorize\",\"payment\":\"tok_visa\"}}",
        "{\"data\":{\"gateway\":\"manual\",\"payment\":5}}", "{\"data\":{\"gateway\":\"manual\",\"payment\":\"\"}}", ""})
    void bad_payment_bodies_are_refused_and_allocate_nothing(String body) {
        String product = stock(2);
        String order = Shop.order(product, 1);
        assertJsonApiError(Api.post("/v2/orders/" + order + "/payments", body), 400);
        assertThat(Shop.order(order)).containsEntry("status", "incomplete");
        assertThat(levels(product)).containsExactly(2, 2, 0);
    }

    private static int ordersOfCart(String cart) {
        try (var dynamoDb = Stack.get().dynamoDbClient()) {
            return dynamoDb.scan(s -> s.tableName(Stack.get().tables().get("OrdersTable"))
                    .filterExpression("cart_ref = :ref")
                    .expressionAttributeValues(Map.of(":ref", AttributeValue.fromS(cart)))).count();
        }
    }
}
