package com.stockroom.functions.payments;

import com.stockroom.common.Telemetry;
import com.stockroom.common.Ids;
import com.stockroom.lambda.QueueMessage;
import com.stockroom.order.application.RecordingPaymentResults;
import com.stockroom.order.model.OrderId;
import com.stockroom.platform.Settings;
import com.stockroom.web.Json;
import dagger.Lazy;
import jakarta.inject.Inject;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Reads one payment result message: {@code {"order_id","payment_id","status":"succeeded"|"failed"}}. */
final class PaymentResultMessages {

    private final RecordingPaymentResults results;
    /** Built when a message is first set aside (or before a SnapStart snapshot), not at init. */
    private final Lazy<SqsClient> sqs;
    private final Settings settings;

    @Inject
    PaymentResultMessages(RecordingPaymentResults results, Lazy<SqsClient> sqs, Settings settings) {
        this.results = results;
        this.sqs = sqs;
        this.settings = settings;
    }

    void handle(QueueMessage message) {
        Map<?, ?> result;
        try {
            result = read(message.body());
        } catch (IllegalArgumentException malformed) {
            setAside(message, malformed.getMessage());
            return;
        }
        boolean applied = results.record(new OrderId((String) result.get("order_id")), (String) result.get("payment_id"),
                "succeeded".equals(result.get("status")));
        // Ignored: it matches no waiting payment (a duplicate, late, stale or stray result).
        Telemetry.outcome(applied ? "applied" : "ignored");
    }

    private static Map<?, ?> read(String body) {
        Object parsed;
        try {
            parsed = Json.parse(body == null ? "" : body);
        } catch (Json.Malformed e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> result)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!(result.get("order_id") instanceof String orderId) || !OrderId.isValid(orderId)) {
            throw new IllegalArgumentException("order_id is missing or not an id");
        }
        if (!(result.get("payment_id") instanceof String paymentId) || !Ids.isValid(paymentId)) {
            throw new IllegalArgumentException("payment_id is missing or not an id");
        }
        if (!"succeeded".equals(result.get("status")) && !"failed".equals(result.get("status"))) {
            throw new IllegalArgumentException("status must be succeeded or failed");
        }
        return result;
    }

    /** A message that can never be applied goes straight to the dead-letter queue, with why. */
    private void setAside(QueueMessage message, String why) {
        Telemetry.outcome("set aside", Telemetry.Level.WARN);
        Telemetry.reason(why);
        String deadLetters = settings.require("PAYMENT_RESULTS_DLQ_URL");
        sqs.get().sendMessage(m -> m.queueUrl(deadLetters).messageBody(message.body() == null ? "" : message.body())
                .messageAttributes(Map.of("error", MessageAttributeValue.builder()
                        .dataType("String").stringValue(why).build())));
    }
}
