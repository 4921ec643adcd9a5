package com.stockroom.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockroom.common.Telemetry;
import com.stockroom.lambda.Events;
import com.stockroom.lambda.Invocations;
import com.stockroom.lambda.Snapshots;
import org.crac.Resource;
import com.stockroom.lambda.Priming;
import com.stockroom.lambda.QueueBatches;
import com.stockroom.platform.Settings;
import dagger.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The gateway's answers, from the payment-results queue. A well-formed result is applied
 * (or, matching no waiting payment, ignored); a malformed one is set aside on the dead-letter
 * queue at once rather than retried; a transient failure is reported as a batch item failure.
 */
public final class PaymentResultsHandler implements RequestStreamHandler, Resource {

    private final PaymentResultMessages messages;
    private final Telemetry.Function logging;
    private final Lazy<SqsClient> queues;

    public PaymentResultsHandler() {
        this(System.getenv());
    }

    public PaymentResultsHandler(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        PaymentsFunction function = DaggerPaymentsFunction.factory().create(settings);
        this.messages = function.messages();
        this.queues = function.queues();
        this.logging = settings.logging();
        Snapshots.register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Events.read(input);
        Events.write(output, Invocations.within(context, logging, () -> QueueBatches.process(event, messages::handle)));
    }

    /**
     * Before a SnapStart snapshot: answers one harmless event through the whole path, so what a
     * first request needs is loaded and in the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Built now, so that a restored function's first refund or set-aside message does not build it; priming sends nothing.
        queues.get();
        // A result for an order that does not exist: read, matched to no payment, ignored.
        Snapshots.prime(logging, () -> QueueBatches.process(Priming.queueMessage(
                "{\"order_id\":\"" + Priming.ORDER + "\",\"payment_id\":\"stockroom-priming\",\"status\":\"failed\"}"),
                messages::handle));
    }

    /** Nothing made at init is unique to one environment, so a restore has nothing to redo. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
