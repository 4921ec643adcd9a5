package com.stockroom.order.application;

import com.stockroom.common.Metric;
import com.stockroom.common.Telemetry;
import com.stockroom.common.Actor;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.PaymentRequests;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The gateway's answers, matched on payment id: a success completes the order and keeps its
 * stock; a failure releases the stock and lets the order be paid again. A duplicate, a stray,
 * or a failure of an attempt no longer awaited changes nothing. A charge is never lost: a
 * success that comes after its attempt timed out, failed or was overtaken is kept when the order
 * still can be paid by it, and otherwise refunded, once.
 */
public final class RecordingPaymentResults {

    /** Results are the gateway's word on any order, applied on the service's own account. */
    private static final OrderAccess GATEWAY = OrderAccess.anyOrder(Actor.service("payment-results"));

    private final OrderSteps steps;
    private final PaymentRequests paymentRequests;

    @Inject
    public RecordingPaymentResults(OrderSteps steps, PaymentRequests paymentRequests) {
        this.steps = steps;
        this.paymentRequests = paymentRequests;
    }

    /**
     * True if the result changed the order (or had its payment refunded); false if it was
     * ignored: a duplicate, a stray (a payment this order never asked for), or a failure of an
     * attempt no longer awaited. A success is never dropped: awaited, it completes the order;
     * late, the order keeps it if it still can (allocating its lines again if they were
     * released); otherwise the money is given back, recorded on the order so it is settled once.
     */
    public boolean record(OrderId orderId, String paymentId, boolean succeeded) {
        Telemetry.paymentId(paymentId);
        if (!succeeded) {
            return changed(steps.take(orderId, GATEWAY, "payment " + paymentId + " failed",
                    (order, now) -> order.paymentFailed(paymentId, now)));
        }
        OrderSteps.Outcome outcome = steps.take(orderId, GATEWAY, "payment " + paymentId + " succeeded late", (order, now) -> {
            if (!order.attempted(paymentId) || order.settled(paymentId)) {
                return Optional.of(new Order.Step(order, Optional.empty()));
            }
            return order.paymentSucceeded(paymentId, now).or(() -> order.latePaymentSucceeded(paymentId, now));
        });
        if (outcome instanceof OrderSteps.Outcome.NotAllowed || outcome instanceof OrderSteps.Outcome.StockShort) {
            refund(orderId, paymentId);
            return true;
        }
        return changed(outcome);
    }

    /** Asks the gateway for the money back, then records it on the order: at least once asked, once recorded. */
    private void refund(OrderId orderId, String paymentId) {
        Telemetry.warn("Payment " + paymentId + " of order " + orderId + " succeeded but the order cannot keep it: refunding");
        paymentRequests.refund(orderId, paymentId);
        Telemetry.count(Metric.REFUNDS);
        OrderSteps.Outcome recorded = steps.take(orderId, GATEWAY, "payment " + paymentId + " refunded",
                (order, now) -> Optional.of(order.refunding(paymentId, now)));
        changed(recorded);
    }

    private static boolean changed(OrderSteps.Outcome outcome) {
        if (outcome instanceof OrderSteps.Outcome.Busy || outcome instanceof OrderSteps.Outcome.StockShort) {
            throw new IllegalStateException("a payment result could not be applied now: " + outcome);
        }
        return outcome instanceof OrderSteps.Outcome.Stepped stepped && !stepped.before().equals(stepped.after());
    }
}
