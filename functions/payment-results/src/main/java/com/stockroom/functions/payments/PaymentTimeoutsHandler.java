package com.stockroom.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.stockroom.order.application.TimingOutPayments;
import com.stockroom.lambda.Invocations;
import com.stockroom.platform.Settings;
import java.util.Map;

/**
 * Run on a schedule: fails every payment that has had no result by its deadline
 * ({@code PAYMENT_TIMEOUT_SECONDS} after paying), releasing its stock. It reads the deadline
 * the payment wrote with its allocation, so it holds even if the paying function died before
 * the payment request was sent.
 */
public final class PaymentTimeoutsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final TimingOutPayments timeouts;

    public PaymentTimeoutsHandler() {
        this(System.getenv());
    }

    public PaymentTimeoutsHandler(Map<String, String> environment) {
        this.timeouts = DaggerPaymentsFunction.factory().create(new Settings(environment)).timeouts();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return Invocations.within(context, () -> Map.of("timed_out", timeouts.sweep()));
    }
}
