package com.stockroom.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.stockroom.lambda.Invocations;
import com.stockroom.lambda.QueueBatches;
import com.stockroom.platform.Settings;
import java.util.Map;

/**
 * The gateway's answers, from the payment-results queue. A well-formed result is applied
 * (or, matching no waiting payment, ignored); a malformed one is set aside on the dead-letter
 * queue at once rather than retried; a transient failure is reported as a batch item failure.
 */
public final class PaymentResultsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final PaymentResultMessages messages;

    public PaymentResultsHandler() {
        this(System.getenv());
    }

    public PaymentResultsHandler(Map<String, String> environment) {
        this.messages = DaggerPaymentsFunction.factory().create(new Settings(environment)).messages();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocations.within(context, () -> QueueBatches.process(event, messages::handle));
    }
}
