package com.stockroom.lambda;

import com.stockroom.common.Telemetry;
import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an SQS batch message by message and reports partial batch failures: a message whose
 * handling throws is left on the queue to be retried (and, past the queue's
 * {@code maxReceiveCount}, moved to its dead-letter queue); the rest are done. Each message is
 * logged as one line, under the correlation id its sender attached, if any.
 */
public final class QueueBatches {

    private QueueBatches() {
    }

    /**
     * Handles each of the event's {@code Records} and answers the
     * {@code {"batchItemFailures":[{"itemIdentifier": messageId}]}} document Lambda reads.
     */
    public static String process(Map<String, Object> event, Consumer<QueueMessage> messageHandler) {
        List<Object> failures = new ArrayList<>();
        List<?> records = event.get("Records") instanceof List<?> list ? list : List.of();
        for (Object record : records) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = record instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            QueueMessage message = new QueueMessage(Events.string(fields, "messageId"), Events.string(fields, "body"));
            Telemetry.Event logged = Telemetry.begin().messageId(message.messageId()).correlationId(correlationId(fields));
            try {
                messageHandler.accept(message);
                logged.end("processed", Telemetry.Level.INFO);
            } catch (RuntimeException failure) {
                failures.add(Json.object("itemIdentifier", message.messageId()));
                logged.fail("it will be retried: " + failure);
            }
        }
        return Json.write(Json.object("batchItemFailures", failures));
    }

    /** The correlation id the sender put on the message as an attribute, if it is a well-formed one. */
    private static String correlationId(Map<String, Object> fields) {
        String id = Events.string(Events.object(Events.object(fields, "messageAttributes"), Telemetry.CORRELATION_ATTRIBUTE), "stringValue");
        return Telemetry.wellFormedCorrelationId(id) ? id : null;
    }
}
