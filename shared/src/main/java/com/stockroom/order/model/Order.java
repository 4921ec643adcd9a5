package com.stockroom.order.model;

import com.stockroom.stock.model.StockAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An order and the rules of its life. Each step answers the order it becomes and the stock
 * move it takes for every line, or nothing when the step is not allowed from where the order
 * is; the adapters write the step and its moves in one transaction, conditional on the order
 * still being the version the step started from. An order belongs to the subject that checked it
 * out ({@code owner}).
 *
 * <pre>
 *   incomplete/unpaid --pay--> processing (allocated) --succeeded--> complete/paid --ship--> fulfilled (decremented)
 *          ^                        |  failed / timed out (released)
 *          +------------------------+
 *   cancel: from incomplete, processing or complete-unshipped (releasing what is allocated); never once shipped
 * </pre>
 */
public record Order(
        OrderId id,
        CartRef cartRef,
        String owner,
        OrderStatus status,
        boolean paid,
        boolean fulfilled,
        Optional<String> paymentId,
        Optional<Instant> paymentDeadline,
        List<OrderLine> lines,
        Customer customer,
        Map<String, String> shippingAddress,
        Map<String, String> billingAddress,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Order {
        Objects.requireNonNull(owner, "owner");
        lines = List.copyOf(lines);
        shippingAddress = Map.copyOf(shippingAddress);
        billingAddress = Map.copyOf(billingAddress);
    }

    /** One step: the order it becomes and, if stock moves, the action each line takes. */
    public record Step(Order next, Optional<StockAction> stockAction) {
    }

    public static Order placed(OrderId id, Cart cart, Customer customer, Map<String, String> shippingAddress,
                               Map<String, String> billingAddress, Instant now) {
        return new Order(id, cart.ref(), cart.owner(), OrderStatus.INCOMPLETE, false, false, Optional.empty(), Optional.empty(),
                cart.lines(), customer, shippingAddress, billingAddress, now, now, 1);
    }

    /** Paying allocates every line and waits for the gateway; only an unpaid order that is not already processing can. */
    public Optional<Step> startPayment(String newPaymentId, Instant deadline, Instant now) {
        if (status != OrderStatus.INCOMPLETE || paid) {
            return Optional.empty();
        }
        return step(OrderStatus.PROCESSING, false, fulfilled, Optional.of(newPaymentId), Optional.of(deadline), now, StockAction.ALLOCATE);
    }

    /** The gateway took the payment of this attempt: the stock stays allocated. */
    public Optional<Step> paymentSucceeded(String resultPaymentId, Instant now) {
        if (!awaiting(resultPaymentId)) {
            return Optional.empty();
        }
        return step(OrderStatus.COMPLETE, true, fulfilled, paymentId, Optional.empty(), now, null);
    }

    /** The gateway refused this attempt, or it timed out: the allocation is released and the order can be paid again. */
    public Optional<Step> paymentFailed(String resultPaymentId, Instant now) {
        if (!awaiting(resultPaymentId)) {
            return Optional.empty();
        }
        return step(OrderStatus.INCOMPLETE, false, fulfilled, paymentId, Optional.empty(), now, StockAction.DEALLOCATE);
    }

    /** Shipping a paid, unshipped order decrements what it holds; nothing else can ship. */
    public Optional<Step> ship(Instant now) {
        if (fulfilled || status != OrderStatus.COMPLETE || !paid) {
            return Optional.empty();
        }
        return step(status, paid, true, paymentId, Optional.empty(), now, StockAction.DECREMENT_ALLOCATED);
    }

    /** Cancelling releases whatever the order holds; a cancelled order stays so, a shipped one cannot be. */
    public Optional<Step> cancel(Instant now) {
        if (status == OrderStatus.CANCELLED) {
            return Optional.of(new Step(this, Optional.empty()));
        }
        if (fulfilled) {
            return Optional.empty();
        }
        StockAction release = holdsStock() ? StockAction.DEALLOCATE : null;
        return step(OrderStatus.CANCELLED, paid, false, paymentId, Optional.empty(), now, release);
    }

    /** Whether the order's lines are allocated to it now. */
    public boolean holdsStock() {
        return !fulfilled && (status == OrderStatus.PROCESSING || status == OrderStatus.COMPLETE);
    }

    private boolean awaiting(String resultPaymentId) {
        return status == OrderStatus.PROCESSING && paymentId.isPresent() && paymentId.get().equals(resultPaymentId);
    }

    private Optional<Step> step(OrderStatus newStatus, boolean newPaid, boolean newFulfilled, Optional<String> newPaymentId,
                                Optional<Instant> newDeadline, Instant now, StockAction action) {
        Order next = new Order(id, cartRef, owner, newStatus, newPaid, newFulfilled, newPaymentId, newDeadline, lines, customer,
                shippingAddress, billingAddress, createdAt, now, version + 1);
        return Optional.of(new Step(next, Optional.ofNullable(action)));
    }
}
