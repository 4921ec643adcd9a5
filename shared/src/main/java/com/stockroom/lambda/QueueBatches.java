package com.stockroom.lambda;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an SQS batch message by message and reports partial batch failures: a message whose
 * handling throws is left on the queue to be retried (and, past the queue's
 * {@code maxReceiveCount}, moved to its dead-letter queue); the rest are done.
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
            try {
                messageHandler.accept(message);
            } catch (RuntimeException failure) {
                System.err.println("Message " + message.messageId() + " failed; it will be retried: " + failure);
                failures.add(Json.object("itemIdentifier", message.messageId()));
            }
        }
        return Json.write(Json.object("batchItemFailures", failures));
    }
}
