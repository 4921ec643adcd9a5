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
}
