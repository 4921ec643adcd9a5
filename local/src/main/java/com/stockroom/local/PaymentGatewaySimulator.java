package com.stockroom.local;

import com.stockroom.common.Telemetry;
import com.stockroom.web.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Stands in for the payment gateway: reads payment requests and answers on the results queue.
 * {@code tok_decline} fails, {@code tok_silent} never answers (the timeout path), any other
 * token succeeds. A refund request ({@code "type":"refund"}) is acknowledged and remembered, once
 * per payment id however often it is asked, as a real gateway adapter must. The request's
 * correlation id attribute is copied onto its result, as a gateway adapter would be told to, so
 * the result is logged under the id of the HTTP request that paid.
 */
final class PaymentGatewaySimulator extends BackgroundLoop {

    static final String DECLINE = "tok_decline";
    static final String SILENT = "tok_silent";

    private final Set<String> refunded = ConcurrentHashMap.newKeySet();
    private final SqsClient sqs;
    private final String requests;
    private final String results;

    PaymentGatewaySimulator(SqsClient sqs, String requestsQueueUrl, String resultsQueueUrl) {
        super("payment-gateway");
        this.sqs = sqs;
        this.requests = requestsQueueUrl;
        this.results = resultsQueueUrl;
        start();
    }

    @Override
    void round() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(requests).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames(Telemetry.CORRELATION_ATTRIBUTE)).messages();
        for (Message message : messages) {
            answer(message.body(), Optional.ofNullable(message.messageAttributes().get(Telemetry.CORRELATION_ATTRIBUTE)));
            sqs.deleteMessage(d -> d.queueUrl(requests).receiptHandle(message.receiptHandle()));
        }
    }

    /** The payment ids refunded so far. */
    Set<String> refunded() {
        return Set.copyOf(refunded);
    }

    private void answer(String body, Optional<MessageAttributeValue> correlationId) {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (Json.Malformed malformed) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> request)) {
            System.err.println("[payment-gateway] not a payment request, dropped: " + body);
            return;
        }
        if ("refund".equals(request.get("type"))) {
            if (refunded.add(String.valueOf(request.get("payment_id")))) {
                System.out.println("[payment-gateway] refunded payment " + request.get("payment_id") + " of order " + request.get("order_id"));
            }
            return;
        }
        Object token = request.get("payment");
        if (SILENT.equals(token)) {
            return;
        }
        String status = DECLINE.equals(token) ? "failed" : "succeeded";
        sqs.sendMessage(m -> m.queueUrl(results).messageBody(Json.write(Json.object(
                "order_id", request.get("order_id"), "payment_id", request.get("payment_id"), "status", status)))
                .messageAttributes(correlationId.map(id -> Map.of(Telemetry.CORRELATION_ATTRIBUTE, id)).orElse(Map.of())));
    }
}
