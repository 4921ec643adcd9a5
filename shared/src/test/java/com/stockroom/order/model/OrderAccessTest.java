package com.stockroom.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderAccessTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Order orderOf(String owner) {
        Cart cart = Cart.empty(new CartRef("c1"), owner).with(new ProductId("p1"), Quantity.of(1));
        return Order.placed(new OrderId("o1"), cart, new Customer("a@b.c", "Ann"), Map.of(), Map.of(), NOW);
    }

    @Test
    void an_order_belongs_to_the_owner_of_the_cart_it_was_checked_out_from() {
        assertThat(orderOf("ann").owner()).isEqualTo("ann");
    }

    @Test
    void a_shopper_sees_only_their_own_orders() {
        OrderAccess ann = OrderAccess.ownOrders(new Actor("ann", Optional.of("storefront")));

        assertThat(ann.canSee(orderOf("ann"))).isTrue();
        assertThat(ann.canSee(orderOf("bob"))).isFalse();
    }

    @Test
    void fulfilment_staff_and_the_service_see_every_order() {
        assertThat(OrderAccess.anyOrder(new Actor("picker-1", Optional.empty())).canSee(orderOf("bob"))).isTrue();
        assertThat(OrderAccess.anyOrder(Actor.service("payment-results")).canSee(orderOf("ann"))).isTrue();
    }

    @Test
    void every_step_keeps_the_owner() {
        Order paid = orderOf("ann").startPayment("pay-1", NOW.plusSeconds(60), NOW).orElseThrow().next()
                .paymentSucceeded("pay-1", NOW).orElseThrow().next();

        assertThat(paid.owner()).isEqualTo("ann");
        assertThat(paid.ship(NOW).orElseThrow().next().owner()).isEqualTo("ann");
    }

    @Test
    void a_cart_belongs_to_its_first_writer_and_changes_keep_the_owner() {
        Cart cart = Cart.empty(new CartRef("c1"), "ann").with(new ProductId("p1"), Quantity.of(1)).without(new ProductId("p1"));

        assertThat(cart.belongsTo("ann")).isTrue();
        assertThat(cart.belongsTo("bob")).isFalse();
        assertThat(cart.owner()).isEqualTo("ann");
    }
}
