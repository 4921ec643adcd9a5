package com.stockroom.order.model;

import com.stockroom.stock.model.StockAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
        Set<String> paymentAttempts,
        Set<String> refundedPayments,
        List<OrderLine> lines,
        Customer customer,
        Map<String, String> shippingAddress,
        Map<String, String> billingAddress,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Order {
        Objects.requireNonNull(owner, "owner");
        paymentAttempts = Set.copyOf(paymentAttempts);
        refundedPayments = Set.copyOf(refundedPayments);
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
                Set.of(), Set.of(), cart.lines(), customer, shippingAddress, billingAddress, now, now, 1);
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

    /** Whether this order ever asked the gateway for this payment: a result for any other is a stray. */
    public boolean attempted(String attemptPaymentId) {
        return paymentAttempts.contains(attemptPaymentId);
    }

    /**
     * Whether the gateway's success for this payment was settled already: the order is paid by
     * it, or it was refunded. Such a success, delivered again, changes nothing.
     */
    public boolean settled(String successfulPaymentId) {
        return paid && paymentId.equals(Optional.of(successfulPaymentId)) || refundedPayments.contains(successfulPaymentId);
    }

    /**
     * A success for a payment the order no longer awaits: the customer paid, so it is kept if it
     * can be. An order that is unpaid again (the attempt failed or timed out) allocates its lines
     * anew and is paid by it; one awaiting a newer attempt is paid by this one, its lines already
     * allocated. Anything else (cancelled, shipped, paid by another attempt) cannot take the
     * money: empty, and the payment is to be refunded.
     */
    public Optional<Step> latePaymentSucceeded(String successfulPaymentId, Instant now) {
        if (!attempted(successfulPaymentId) || settled(successfulPaymentId) || paid || fulfilled) {
            return Optional.empty();
        }
        if (status == OrderStatus.INCOMPLETE) {
            return step(OrderStatus.COMPLETE, true, false, Optional.of(successfulPaymentId), Optional.empty(), now, StockAction.ALLOCATE);
        }
        if (status == OrderStatus.PROCESSING && !awaiting(successfulPaymentId)) {
            return step(OrderStatus.COMPLETE, true, false, Optional.of(successfulPaymentId), Optional.empty(), now, null);
        }
        return Optional.empty();
    }

    /** The order once the money of this payment is being given back: recorded, so it is refunded once. */
    public Step refunding(String refundedPaymentId, Instant now) {
        if (refundedPayments.contains(refundedPaymentId)) {
            return new Step(this, Optional.empty());
        }
        Set<String> refunded = new TreeSet<>(refundedPayments);
        refunded.add(refundedPaymentId);
        return new Step(new Order(id, cartRef, owner, status, paid, fulfilled, paymentId, paymentDeadline, paymentAttempts, refunded, lines, customer,
                shippingAddress, billingAddress, createdAt, now, version + 1), Optional.empty());
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
        Set<String> attempts = paymentAttempts;
        if (newPaymentId.isPresent() && !paymentAttempts.contains(newPaymentId.get())) {
            attempts = new TreeSet<>(paymentAttempts);
            attempts.add(newPaymentId.get());
        }
        Order next = new Order(id, cartRef, owner, newStatus, newPaid, newFulfilled, newPaymentId, newDeadline, attempts, refundedPayments, lines, customer,
                shippingAddress, billingAddress, createdAt, now, version + 1);
        return Optional.of(new Step(next, Optional.ofNullable(action)));
    }

    // equals and hashCode written out: a record's own are linked at their first call through
    // ObjectMethods, which generates method handle classes that no class archive holds (about
    // 10 ms of a cold start whose order step compares orders). OrderTest holds them to every
    // component, as a record's would be.
    @Override
    public boolean equals(Object other) {
        return other instanceof Order that
                && version == that.version
                && paid == that.paid
                && fulfilled == that.fulfilled
                && status == that.status
                && Objects.equals(id, that.id)
                && Objects.equals(cartRef, that.cartRef)
                && Objects.equals(owner, that.owner)
                && Objects.equals(paymentId, that.paymentId)
                && Objects.equals(paymentDeadline, that.paymentDeadline)
                && Objects.equals(paymentAttempts, that.paymentAttempts)
                && Objects.equals(refundedPayments, that.refundedPayments)
                && Objects.equals(lines, that.lines)
                && Objects.equals(customer, that.customer)
                && Objects.equals(shippingAddress, that.shippingAddress)
                && Objects.equals(billingAddress, that.billingAddress)
                && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(updatedAt, that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, cartRef, owner, status, paid, fulfilled, paymentId, paymentDeadline, paymentAttempts, refundedPayments,
                lines, customer, shippingAddress, billingAddress, createdAt, updatedAt, version);
    }
}
