package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.BadInputIT.assertJsonApiError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Carts check the cart's whole quantity of a product against available stock, and never move stock. */
@ExtendWith(Stack.class)
class CartsIT {

    @Test
    void adding_answers_201_with_the_carts_items_and_adding_again_adds_to_the_quantity() {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Api.Response added = Shop.add(cart, product, 2);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.dataList()).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("type", "cart_item").containsEntry("product_id", product).containsEntry("quantity", 2L));
        assertThat(Shop.add(cart, product, 3).dataList().get(0)).containsEntry("quantity", 5L);
        assertThat(Api.get("/v2/carts/" + cart + "/items").dataList().get(0)).containsEntry("quantity", 5L);
        assertThat(levels(product)).as("carts never move stock").containsExactly(5, 5, 0);
    }

    @Test
    void adding_past_what_is_available_counts_the_whole_cart_and_answers_the_exact_insufficient_stock_error() {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 4);
        Api.Response refused = Shop.add(cart, product, 2);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).isEqualTo(Shop.INSUFFICIENT_TO_ADD);
        assertThat(refused.raw()).doesNotContain(product);
        assertThat(Api.get("/v2/carts/" + cart + "/items").dataList().get(0)).containsEntry("quantity", 4L);
    }

    @Test
    void changing_a_quantity_checks_it_against_available_and_an_item_not_in_the_cart_answers_404() {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 1);
        Api.Response changed = Shop.update(cart, product, 5);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.dataList().get(0)).containsEntry("quantity", 5L);
        Api.Response refused = Shop.update(cart, product, 6);
        assertThat(refused.raw()).isEqualTo(Shop.INSUFFICIENT_TO_ADD);
        assertThat(Api.get("/v2/carts/" + cart + "/items").dataList().get(0)).containsEntry("quantity", 5L);
        assertThat(Shop.update(cart, stock(5), 1).status()).isEqualTo(404);
    }

    @Test
    void removing_an_item_answers_the_rest_and_removing_it_again_changes_nothing() {
        String a = stock(5);
        String b = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, a, 1);
        Shop.add(cart, b, 2);
        Api.Response removed = Api.delete("/v2/carts/" + cart + "/items/" + a);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.dataList()).extracting(i -> i.get("product_id")).containsExactly(b);
        assertThat(Api.delete("/v2/carts/" + cart + "/items/" + a).dataList()).extracting(i -> i.get("product_id")).containsExactly(b);
    }

    @Test
    void a_new_cart_lists_no_items() {
        Api.Response empty = Api.get("/v2/carts/" + Api.uniqueId("cart") + "/items");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.dataList()).isEmpty();
    }

    @Test
    void adding_a_product_that_has_no_stock_answers_404_and_adds_nothing() {
        String cart = Api.uniqueId("cart");
        assertJsonApiError(Shop.add(cart, Api.uniqueId("missing"), 1), 404);
        assertThat(Api.get("/v2/carts/" + cart + "/items").dataList()).isEmpty();
    }

    @ParameterizedTest(name = "adding a quantity of {0} answers 400")
    @ValueSource(strings = {"0", "-1", "1.5", "\"2\"", "null", "true", "1000000001", "1e2"})
    void a_bad_quantity_is_refused_and_changes_nothing(String quantity) {
        String product = stock(5);
        String cart = Api.uniqueId("cart");
        Shop.add(cart, product, 1);
        assertJsonApiError(Api.post("/v2/carts/" + cart + "/items",
                "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":" + quantity + "}}"), 400);
        assertJsonApiError(Api.method("PUT", "/v2/carts/" + cart + "/items/" + product, "{\"data\":{\"quantity\":" + quantity + "}}"), 400);
        assertThat(Api.get("/v2/carts/" + cart + "/items").dataList().get(0)).containsEntry("quantity", 1L);
    }

    @ParameterizedTest(name = "adding {0} answers 400")
    @ValueSource(strings = {"", "{", "[]", "{\"data\":[]}", "{\"data\":{\"quantity\":1}}", "{\"data\":{\"id\":5,\"quantity\":1}}",
        "{\"data\":{\"id\":\"bad id\",\"quantity\":1}}", "{\"data\":{\"type\":\"order\",\"id\":\"p1\",\"quantity\":1}}"})
    void a_malformed_body_is_refused(String body) {
        assertJsonApiError(Api.post("/v2/carts/" + Api.uniqueId("cart") + "/items", body), 400);
    }

    @Test
    void an_odd_cart_reference_is_refused_on_every_route() {
        String product = stock(1);
        for (String ref : new String[] {"a%20b", "a.b", "x".repeat(65)}) {
            assertJsonApiError(Shop.add(ref, product, 1), 400);
            assertJsonApiError(Api.get("/v2/carts/" + ref + "/items"), 400);
            assertJsonApiError(Shop.checkout(ref), 400);
        }
    }
}
