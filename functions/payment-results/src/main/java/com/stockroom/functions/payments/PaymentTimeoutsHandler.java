package com.stockroom.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockroom.common.Telemetry;
import com.stockroom.lambda.Events;
import com.stockroom.order.application.TimingOutPayments;
import com.stockroom.lambda.Invocations;
import com.stockroom.platform.Settings;
import com.stockroom.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Run on a schedule: fails every payment that has had no result by its deadline
 * ({@code PAYMENT_TIMEOUT_SECONDS} after paying), releasing its stock. It reads the deadline
 * the payment wrote with its allocation, so it holds even if the paying function died before
 * the payment request was sent.
 */
public final class PaymentTimeoutsHandler implements RequestStreamHandler {

    private final TimingOutPayments timeouts;
    private final Telemetry.Function logging;

    public PaymentTimeoutsHandler() {
        this(System.getenv());
    }

    public PaymentTimeoutsHandler(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        this.timeouts = DaggerPaymentsFunction.factory().create(settings).timeouts();
        this.logging = settings.logging();
    }

    /** The scheduled event says nothing the sweep needs; the answer is {@code {"timed_out": n}}, the log line counts them. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        Events.write(output, Invocations.within(context, logging, () -> {
            Telemetry.Event sweep = Telemetry.begin();
            int timedOut;
            try {
                timedOut = timeouts.sweep();
            } catch (RuntimeException failed) {
                // The releases made before the failure keep their counts, in a line that says it failed.
                sweep.fail(Telemetry.describe(failed));
                throw failed;
            }
            sweep.end("processed", Telemetry.Level.INFO);
            return Json.write(Json.object("timed_out", timedOut));
        }));
    }
}
