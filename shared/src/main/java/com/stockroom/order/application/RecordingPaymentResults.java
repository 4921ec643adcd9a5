package com.stockroom.order.application;

import com.stockroom.common.Actor;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.OrderId;
import jakarta.inject.Inject;

/**
 * The gateway's answers, matched on payment id: a success completes the order and keeps its
 * stock; a failure releases the stock and lets the order be paid again. A duplicate, late,
 * stale (an earlier attempt's) or stray answer matches no waiting payment and changes nothing.
 */
public final class RecordingPaymentResults {

    /** Results are the gateway's word on any order, applied on the service's own account. */
    private static final OrderAccess GATEWAY = OrderAccess.anyOrder(Actor.service("payment-results"));

    private final OrderSteps steps;

    @Inject
    public RecordingPaymentResults(OrderSteps steps) {
        this.steps = steps;
    }

    /** True if the result moved the order; false if it was ignored. */
    public boolean record(OrderId orderId, String paymentId, boolean succeeded) {
        OrderSteps.Outcome outcome = steps.take(orderId, GATEWAY, "payment " + paymentId + (succeeded ? " succeeded" : " failed"),
                (order, now) -> succeeded
                ? order.paymentSucceeded(paymentId, now)
                : order.paymentFailed(paymentId, now));
        if (outcome instanceof OrderSteps.Outcome.Busy || outcome instanceof OrderSteps.Outcome.StockShort) {
            throw new IllegalStateException("payment result for order " + orderId + " could not be applied: " + outcome);
        }
        return outcome instanceof OrderSteps.Outcome.Stepped stepped && !stepped.before().equals(stepped.after());
    }
}
