package com.stockroom.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant DEADLINE = NOW.plusSeconds(900);

    private static Order placed() {
        Cart cart = Cart.empty(new CartRef("c1"), "shopper-1").with(new ProductId("p1"), Quantity.of(2));
        return Order.placed(new OrderId("o1"), cart, new Customer("a@b.c", "Ann"), Map.of(), Map.of(), NOW);
    }

    private static Order step(Optional<Order.Step> step) {
        assertThat(step).isPresent();
        return step.get().next();
    }

    @Test
    void a_placed_order_is_incomplete_unpaid_and_unfulfilled_and_holds_no_stock() {
        Order order = placed();
        assertThat(order.status()).isEqualTo(OrderStatus.INCOMPLETE);
        assertThat(order.paid()).isFalse();
        assertThat(order.fulfilled()).isFalse();
        assertThat(order.holdsStock()).isFalse();
    }

    @Test
    void paying_allocates_moves_to_processing_and_records_the_attempt_and_its_deadline() {
        Optional<Order.Step> paying = placed().startPayment("pay-1", DEADLINE, NOW);
        assertThat(paying).get().extracting(Order.Step::stockAction).isEqualTo(Optional.of(StockAction.ALLOCATE));
        Order processing = step(paying);
        assertThat(processing.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(processing.paymentId()).contains("pay-1");
        assertThat(processing.paymentDeadline()).contains(DEADLINE);
        assertThat(processing.version()).isEqualTo(placed().version() + 1);
        assertThat(processing.startPayment("pay-2", DEADLINE, NOW)).as("a processing order cannot be paid").isEmpty();
    }

    @Test
    void results_are_matched_on_the_attempts_payment_id() {
        Order processing = step(placed().startPayment("pay-1", DEADLINE, NOW));
        assertThat(processing.paymentSucceeded("pay-0", NOW)).isEmpty();
        assertThat(processing.paymentFailed("pay-0", NOW)).isEmpty();

        Order paid = step(processing.paymentSucceeded("pay-1", NOW));
        assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(paid.paid()).isTrue();
        assertThat(paid.paymentDeadline()).isEmpty();
        assertThat(paid.paymentSucceeded("pay-1", NOW)).as("a duplicate").isEmpty();
        assertThat(paid.paymentFailed("pay-1", NOW)).as("a contradiction after paid").isEmpty();
        assertThat(paid.startPayment("pay-2", DEADLINE, NOW)).isEmpty();
    }

    @Test
    void a_failed_payment_releases_and_the_order_can_be_paid_again() {
        Order processing = step(placed().startPayment("pay-1", DEADLINE, NOW));
        Optional<Order.Step> failed = processing.paymentFailed("pay-1", NOW);
        assertThat(failed).get().extracting(Order.Step::stockAction).isEqualTo(Optional.of(StockAction.DEALLOCATE));
        Order again = step(failed);
        assertThat(again.status()).isEqualTo(OrderStatus.INCOMPLETE);
        assertThat(again.paymentDeadline()).isEmpty();
        assertThat(again.startPayment("pay-2", DEADLINE, NOW)).isPresent();
        assertThat(again.paymentSucceeded("pay-1", NOW)).as("a late result for the failed attempt").isEmpty();
    }

    @Test
    void only_a_paid_unshipped_order_ships_and_only_once() {
        assertThat(placed().ship(NOW)).isEmpty();
        Order processing = step(placed().startPayment("pay-1", DEADLINE, NOW));
        assertThat(processing.ship(NOW)).isEmpty();
        Order paid = step(processing.paymentSucceeded("pay-1", NOW));
        Optional<Order.Step> shipping = paid.ship(NOW);
        assertThat(shipping).get().extracting(Order.Step::stockAction).isEqualTo(Optional.of(StockAction.DECREMENT_ALLOCATED));
        Order shipped = step(shipping);
        assertThat(shipped.fulfilled()).isTrue();
        assertThat(shipped.holdsStock()).isFalse();
        assertThat(shipped.ship(NOW)).isEmpty();
        assertThat(shipped.cancel(NOW)).as("a shipped order cannot be cancelled").isEmpty();
    }

    @Test
    void cancelling_releases_what_the_order_holds_and_repeating_it_changes_nothing() {
        Order unpaid = placed();
        assertThat(unpaid.cancel(NOW)).get().extracting(Order.Step::stockAction).isEqualTo(Optional.empty());
        Order processing = step(unpaid.startPayment("pay-1", DEADLINE, NOW));
        assertThat(processing.cancel(NOW)).get().extracting(Order.Step::stockAction).isEqualTo(Optional.of(StockAction.DEALLOCATE));
        Order paid = step(processing.paymentSucceeded("pay-1", NOW));
        Order cancelled = step(paid.cancel(NOW));
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.holdsStock()).isFalse();
        assertThat(cancelled.cancel(NOW)).get().extracting(Order.Step::next).isEqualTo(cancelled);
        assertThat(cancelled.ship(NOW)).isEmpty();
        assertThat(cancelled.startPayment("pay-2", DEADLINE, NOW)).isEmpty();
        Order cancelledWhileProcessing = step(processing.cancel(NOW));
        assertThat(cancelledWhileProcessing.paymentSucceeded("pay-1", NOW)).as("a result after cancelling").isEmpty();
    }

    @Test
    void a_cart_holds_one_line_per_product_and_adding_keeps_their_order() {
        Cart cart = Cart.empty(new CartRef("c1"), "shopper-1")
                .with(new ProductId("a"), Quantity.of(1))
                .with(new ProductId("b"), Quantity.of(2))
                .with(new ProductId("a"), Quantity.of(3));
        assertThat(cart.lines()).extracting(l -> l.productId().value(), l -> l.quantity().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 3L), org.assertj.core.groups.Tuple.tuple("b", 2L));
        assertThat(cart.version()).isEqualTo(3);
        assertThat(cart.without(new ProductId("a")).lines()).hasSize(1);
        assertThat(List.of(cart.quantityOf(new ProductId("zz")))).containsExactly(Optional.empty());
    }

    @Test
    void a_late_success_for_a_timed_out_attempt_allocates_again_and_pays_the_order() {
        Order timedOut = step(step(placed().startPayment("pay-1", DEADLINE, NOW)).paymentFailed("pay-1", NOW));

        Order.Step late = timedOut.latePaymentSucceeded("pay-1", NOW).orElseThrow();

        assertThat(late.next().status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(late.next().paid()).isTrue();
        assertThat(late.next().paymentId()).contains("pay-1");
        assertThat(late.stockAction()).contains(com.stockroom.stock.model.StockAction.ALLOCATE);
        assertThat(late.next().settled("pay-1")).isTrue();
    }

    @Test
    void a_late_success_while_a_newer_attempt_is_awaited_pays_the_order_without_moving_stock() {
        Order failedThenRetried = step(step(step(placed().startPayment("pay-1", DEADLINE, NOW)).paymentFailed("pay-1", NOW))
                .startPayment("pay-2", DEADLINE, NOW));

        Order.Step late = failedThenRetried.latePaymentSucceeded("pay-1", NOW).orElseThrow();

        assertThat(late.next().paid()).isTrue();
        assertThat(late.next().paymentId()).contains("pay-1");
        assertThat(late.stockAction()).isEmpty();
        assertThat(late.next().paymentDeadline()).isEmpty();
        assertThat(late.next().latePaymentSucceeded("pay-2", NOW)).as("the newer attempt's success is to be refunded").isEmpty();
    }

    @Test
    void a_success_a_cancelled_or_shipped_order_cannot_keep_is_refunded_once() {
        Order cancelled = step(step(placed().startPayment("pay-1", DEADLINE, NOW)).cancel(NOW));
        assertThat(cancelled.latePaymentSucceeded("pay-1", NOW)).isEmpty();

        Order refunded = cancelled.refunding("pay-1", NOW).next();

        assertThat(refunded.refundedPayments()).containsExactly("pay-1");
        assertThat(refunded.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(refunded.settled("pay-1")).isTrue();
        assertThat(refunded.refunding("pay-1", NOW).next()).as("refunding again changes nothing").isEqualTo(refunded);
    }

    @Test
    void a_success_for_a_payment_the_order_never_asked_for_is_not_its_to_keep() {
        Order timedOut = step(step(placed().startPayment("pay-1", DEADLINE, NOW)).paymentFailed("pay-1", NOW));

        assertThat(timedOut.attempted("pay-9")).isFalse();
        assertThat(timedOut.latePaymentSucceeded("pay-9", NOW)).isEmpty();
        assertThat(timedOut.attempted("pay-1")).isTrue();
    }

    /**
     * Order writes out its equals and hashCode (a record's own would link through ObjectMethods at
     * a cold start's first comparison): they must hold to every component, as a record's would.
     */
    @Test
    void equality_is_that_of_every_component() throws Exception {
        Order placed = placed();
        Order a = new Order(placed.id(), placed.cartRef(), placed.owner(), OrderStatus.COMPLETE, false, false, Optional.of("pay-1"),
                Optional.of(NOW.plusSeconds(60)), java.util.Set.of("pay-1"), java.util.Set.of("pay-0"), placed.lines(), placed.customer(),
                Map.of("city", "Trondheim"), Map.of("city", "Tromsø"), NOW, NOW.plusSeconds(3), placed.version());
        Cart otherCart = Cart.empty(new CartRef("c2"), "shopper-2").with(new ProductId("p2"), Quantity.of(3));
        Order b = new Order(new OrderId("o2"), otherCart.ref(), "shopper-2", OrderStatus.PROCESSING, true, true, Optional.of("pay-9"),
                Optional.of(DEADLINE), java.util.Set.of("pay-9"), java.util.Set.of("pay-8"),
                List.of(new OrderLine(new ProductId("p2"), Quantity.of(3))), new Customer("b@b.c", "Bo"),
                Map.of("city", "Oslo"), Map.of("city", "Bergen"), NOW.plusSeconds(1), NOW.plusSeconds(2), a.version() + 7);
        java.lang.reflect.RecordComponent[] components = Order.class.getRecordComponents();
        java.lang.reflect.Constructor<Order> canonical = Order.class.getDeclaredConstructor(
                java.util.Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new));
        // Equal to a's, but none the same object: an equals that compared references would fail.
        Order copy = new Order(new OrderId(new String(a.id().value())), new CartRef(new String(a.cartRef().value())), new String(a.owner()),
                a.status(), a.paid(), a.fulfilled(), a.paymentId().map(String::new), a.paymentDeadline().map(d -> Instant.parse(d.toString())),
                new java.util.HashSet<>(a.paymentAttempts()), new java.util.HashSet<>(a.refundedPayments()),
                a.lines().stream().map(line -> new OrderLine(new ProductId(new String(line.productId().value())), Quantity.of(line.quantity().value())))
                        .toList(),
                new Customer(new String(a.customer().email()), new String(a.customer().name())), new java.util.HashMap<>(a.shippingAddress()),
                new java.util.HashMap<>(a.billingAddress()), Instant.parse(a.createdAt().toString()), Instant.parse(a.updatedAt().toString()),
                a.version());
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(copy);
            Object mine = components[i].getAccessor().invoke(a);
            if (!components[i].getType().isPrimitive() && !components[i].getType().isEnum()) {
                assertThat(values[i]).as(components[i].getName() + " of the copy is another object").isNotSameAs(mine);
            }
            assertThat(values[i]).as(components[i].getName() + " differs between the two orders")
                    .isNotEqualTo(components[i].getAccessor().invoke(b));
        }
        assertThat(copy).isEqualTo(a).hasSameHashCodeAs(a);
        for (int i = 0; i < components.length; i++) {
            Object[] changed = values.clone();
            changed[i] = components[i].getAccessor().invoke(b);
            Order other = canonical.newInstance(changed);
            assertThat(other).as("an order whose " + components[i].getName() + " differs").isNotEqualTo(a);
            assertThat(a).as("an order whose " + components[i].getName() + " differs").isNotEqualTo(other);
        }
        assertThat(a).isNotEqualTo(null).isNotEqualTo("o1");
    }
}
