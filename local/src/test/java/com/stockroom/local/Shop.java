package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** The storefront's calls: carts, checkout, orders and payments. */
final class Shop {

    static final String INSUFFICIENT_TO_ADD =
            "{\"errors\":[{\"status\":400,\"title\":\"Insufficient stock\",\"detail\":\"There is not enough stock to add this item to the cart\"}]}";
    static final String INSUFFICIENT_TO_CHECK_OUT =
            "{\"errors\":[{\"status\":400,\"title\":\"Insufficient stock\",\"detail\":\"There is not enough stock to check out\"}]}";
    static final String INSUFFICIENT_TO_PAY =
            "{\"errors\":[{\"status\":400,\"title\":\"Insufficient stock\",\"detail\":\"There is not enough stock to pay for this order\"}]}";

    private Shop() {
    }

    static Api.Response add(String cart, String productId, long quantity) {
        return Api.post("/v2/carts/" + cart + "/items",
                "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + productId + "\",\"quantity\":" + quantity + "}}");
    }

    static Api.Response update(String cart, String productId, long quantity) {
        return Api.method("PUT", "/v2/carts/" + cart + "/items/" + productId, "{\"data\":{\"quantity\":" + quantity + "}}");
    }

    static Api.Response checkout(String cart) {
        return Api.post("/v2/carts/" + cart + "/checkout",
                "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann Smith\"},"
                        + "\"shipping_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"},"
                        + "\"billing_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"}}}");
    }

    /** A fresh cart holding {@code quantity} of the product, checked out: the unpaid order's id. */
    static String order(String productId, long quantity) {
        String cart = Api.uniqueId("cart");
        assertThat(add(cart, productId, quantity).status()).isEqualTo(201);
        Api.Response order = checkout(cart);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        return (String) order.data().get("id");
    }

    static Api.Response pay(String orderId, String token) {
        return Api.post("/v2/orders/" + orderId + "/payments",
                "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\"" + token + "\"}}");
    }

    static Api.Response ship(String orderId) {
        return Api.method("PUT", "/v2/orders/" + orderId, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}");
    }

    static Api.Response cancel(String orderId) {
        return Api.method("PUT", "/v2/orders/" + orderId, "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}");
    }

    static Map<String, Object> order(String orderId) {
        Api.Response order = Api.get("/v2/orders/" + orderId);
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        return order.data();
    }

    /** Waits until the order satisfies {@code state}, and answers it. */
    static Map<String, Object> awaitOrder(String orderId, Predicate<Map<String, Object>> state, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Object> order = order(orderId);
        while (!state.test(order)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("order " + orderId + " did not reach the state in " + within + ": " + order);
            }
            History.sleep(100);
            order = order(orderId);
        }
        return order;
    }

    static Predicate<Map<String, Object>> is(String status, String payment) {
        return order -> status.equals(order.get("status")) && payment.equals(order.get("payment"));
    }
}
