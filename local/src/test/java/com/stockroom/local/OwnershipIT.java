package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.BadInputIT.assertJsonApiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ownership (OWASP API1, broken object level authorization): a cart is its first writer's and an
 * order its buyer's; to any other shopper every cart and order route answers 404, as if they did
 * not exist, and changes nothing. Fulfilment staff ({@code orders:write}) reach any order.
 */
@ExtendWith(Stack.class)
class OwnershipIT {

    private static final String CHECKOUT_BODY = "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},"
            + "\"shipping_address\":{\"city\":\"Oslo\"},\"billing_address\":{\"city\":\"Oslo\"}}}";

    private final Api.Client ann = Api.as(Api.token(Api.uniqueId("ann"), "carts", "orders"));
    private final Api.Client bob = Api.as(Api.token(Api.uniqueId("bob"), "carts", "orders"));
    private final Api.Client staff = Api.as(Api.token(Api.uniqueId("picker"), "orders:write"));

    private static Api.Response add(Api.Client who, String cart, String product, long quantity) {
        return who.post("/v2/carts/" + cart + "/items",
                "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":" + quantity + "}}");
    }

    private static String checkout(Api.Client who, String cart) {
        Api.Response order = who.post("/v2/carts/" + cart + "/checkout", CHECKOUT_BODY);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        return (String) order.data().get("id");
    }

    private static Api.Response pay(Api.Client who, String order, String token) {
        return who.post("/v2/orders/" + order + "/payments",
                "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\"" + token + "\"}}");
    }

    private static Api.Response update(Api.Client who, String order, String change) {
        return who.method("PUT", "/v2/orders/" + order, "{\"data\":{\"type\":\"order\"," + change + "}}");
    }

    @Test
    void another_shopper_finds_no_cart_on_any_cart_route_and_changes_nothing() {
        String product = stock(10);
        String other = stock(10);
        String cart = Api.uniqueId("cart");
        assertThat(add(ann, cart, product, 2).status()).isEqualTo(201);
        List<Map<String, Object>> before = ann.get("/v2/carts/" + cart + "/items").dataList();

        assertJsonApiError(bob.get("/v2/carts/" + cart + "/items"), 404);
        assertJsonApiError(add(bob, cart, other, 1), 404);
        assertJsonApiError(add(bob, cart, product, 1), 404);
        assertJsonApiError(bob.method("PUT", "/v2/carts/" + cart + "/items/" + product, "{\"data\":{\"quantity\":9}}"), 404);
        assertJsonApiError(bob.delete("/v2/carts/" + cart + "/items/" + product), 404);
        assertJsonApiError(bob.post("/v2/carts/" + cart + "/checkout", CHECKOUT_BODY), 404);

        assertThat(ann.get("/v2/carts/" + cart + "/items").dataList()).isEqualTo(before);
        assertThat(levels(product)).containsExactly(10, 10, 0);
        assertThat(levels(other)).containsExactly(10, 10, 0);
        assertThat(add(ann, cart, product, 1).dataList().get(0)).as("the owner still can").containsEntry("quantity", 3L);
    }

    @Test
    void another_shopper_finds_no_order_on_any_order_route_and_changes_nothing() {
        String product = stock(10);
        String cart = Api.uniqueId("cart");
        add(ann, cart, product, 2);
        String order = checkout(ann, cart);

        assertJsonApiError(bob.get("/v2/orders/" + order), 404);
        assertJsonApiError(pay(bob, order, "tok_visa"), 404);

        Map<String, Object> unchanged = ann.get("/v2/orders/" + order).data();
        assertThat(unchanged).containsEntry("status", "incomplete").containsEntry("payment", "unpaid");
        assertThat(levels(product)).as("nothing was allocated").containsExactly(10, 10, 0);
        assertThat(pay(ann, order, "tok_visa").status()).as("the owner can pay").isEqualTo(202);
    }

    @Test
    void a_shopper_token_cannot_ship_or_cancel_even_its_own_order() {
        String product = stock(10);
        String cart = Api.uniqueId("cart");
        add(ann, cart, product, 1);
        String order = checkout(ann, cart);

        assertJsonApiError(update(ann, order, "\"status\":\"cancelled\""), 403);
        assertJsonApiError(update(ann, order, "\"shipping\":\"fulfilled\""), 403);
        assertThat(ann.get("/v2/orders/" + order).data()).containsEntry("status", "incomplete");
    }

    @Test
    void fulfilment_staff_read_ship_and_cancel_any_order_but_cannot_pay_for_one() {
        String product = stock(10);
        String cart = Api.uniqueId("cart");
        add(ann, cart, product, 2);
        String shipped = checkout(ann, cart);
        assertThat(pay(ann, shipped, "tok_visa").status()).isEqualTo(202);
        Shop.awaitOrder(shipped, Shop.is("complete", "paid"), Duration.ofSeconds(10));

        assertThat(staff.get("/v2/orders/" + shipped).status()).isEqualTo(200);
        assertThat(update(staff, shipped, "\"shipping\":\"fulfilled\"").data()).containsEntry("shipping", "fulfilled");
        assertThat(levels(product)).containsExactly(8, 8, 0);

        String cancelled = checkout(ann, cart);
        assertThat(update(staff, cancelled, "\"status\":\"cancelled\"").data()).containsEntry("status", "cancelled");
        assertJsonApiError(pay(staff, checkout(ann, cart), "tok_visa"), 403);
    }

    @Test
    void a_cart_is_its_first_writers_even_when_two_shoppers_race_for_a_new_reference() throws Exception {
        String product = stock(100);
        for (int round = 0; round < 10; round++) {
            String cart = Api.uniqueId("cart");
            List<Api.Client> shoppers = List.of(ann, bob, ann, bob);
            ExecutorService pool = Executors.newFixedThreadPool(shoppers.size());
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (Api.Client shopper : shoppers) {
                answers.add(pool.submit((Callable<Api.Response>) () -> add(shopper, cart, product, 1)));
            }
            List<Integer> annStatuses = new ArrayList<>();
            List<Integer> bobStatuses = new ArrayList<>();
            for (int i = 0; i < shoppers.size(); i++) {
                (shoppers.get(i) == ann ? annStatuses : bobStatuses).add(answers.get(i).get().status());
            }
            pool.shutdown();
            boolean annOwns = ann.get("/v2/carts/" + cart + "/items").status() == 200;
            boolean bobOwns = bob.get("/v2/carts/" + cart + "/items").status() == 200;
            assertThat(annOwns ^ bobOwns).as("exactly one owner in round " + round).isTrue();
            List<Integer> winner = annOwns ? annStatuses : bobStatuses;
            List<Integer> loser = annOwns ? bobStatuses : annStatuses;
            assertThat(loser).as("the other shopper's adds").containsOnly(404);
            assertThat(winner).as("the owner's adds").containsOnly(201);
            Api.Client owner = annOwns ? ann : bob;
            assertThat(owner.get("/v2/carts/" + cart + "/items").dataList().get(0))
                    .as("only the owner's adds are in the cart").containsEntry("quantity", 2L);
        }
    }

    @Test
    void storefront_tokens_from_the_implicit_grant_share_carts_by_reference_alone() {
        Api.Client first = Api.as(Api.elasticPathToken("grant_type=implicit&client_id=stockroom-storefront"));
        Api.Client second = Api.as(Api.elasticPathToken("grant_type=implicit&client_id=stockroom-storefront"));
        String product = stock(10);
        String cart = Api.uniqueId("cart");

        assertThat(add(first, cart, product, 1).status()).isEqualTo(201);
        assertThat(add(second, cart, product, 1).dataList().get(0)).containsEntry("quantity", 2L);
        String order = checkout(second, cart);
        assertThat(first.get("/v2/orders/" + order).status()).isEqualTo(200);
        assertJsonApiError(ann.get("/v2/carts/" + cart + "/items"), 404);
        assertJsonApiError(ann.get("/v2/orders/" + order), 404);
    }
}
