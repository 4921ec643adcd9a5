package com.stockroom.order.application;

import com.stockroom.common.Metric;
import com.stockroom.common.Telemetry;
import com.stockroom.common.Actor;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.Orders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** Fails every payment that has waited past its deadline, releasing its stock as a failed result would. */
public final class TimingOutPayments {

    static final int BATCH = 100;

    private final Orders orders;
    private static final OrderAccess TIMEOUT = OrderAccess.anyOrder(Actor.service("payment-timeouts"));

    private final OrderSteps steps;
    private final Clock clock;

    @Inject
    public TimingOutPayments(Orders orders, OrderSteps steps, Clock clock) {
        this.orders = orders;
        this.steps = steps;
        this.clock = clock;
    }

    /**
     * How many payments were timed out. It takes overdue payments a batch at a time while whole
     * batches keep being released; a batch that releases nothing (orders that cannot be stepped
     * now) ends the sweep, and the next scheduled run tries them again.
     */
    public int sweep() {
        try {
            return sweepAll();
        } finally {
            // Each step names its order in the event's line; a sweep covers many, so its line names none.
            Telemetry.orderId(null);
        }
    }

    private int sweepAll() {
        int released = 0;
        List<Order> overdue;
        int releasedThisPass;
        do {
            overdue = orders.awaitingPaymentSince(clock.instant(), BATCH);
            releasedThisPass = 0;
            for (Order order : overdue) {
                String paymentId = order.paymentId().orElseThrow();
                OrderSteps.Outcome outcome = steps.take(order.id(), TIMEOUT, "payment " + paymentId + " timed out",
                        (current, now) -> current.paymentFailed(paymentId, now));
                if (outcome instanceof OrderSteps.Outcome.Stepped stepped && !stepped.before().equals(stepped.after())) {
                    releasedThisPass++;
                } else if (!(outcome instanceof OrderSteps.Outcome.NotAllowed)) {
                    Telemetry.warn("Overdue payment of order " + order.id() + " not released this time: " + outcome);
                }
            }
            released += releasedThisPass;
            Telemetry.count(Metric.TIMEOUTS, releasedThisPass);
        } while (overdue.size() == BATCH && releasedThisPass > 0);
        return released;
    }
}
