package com.stockroom.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an SQS batch message by message and reports partial batch failures: a message whose
 * handling throws is left on the queue to be retried (and, past the queue's
 * {@code maxReceiveCount}, moved to its dead-letter queue); the rest are done.
 */
public final class QueueBatches {

    private QueueBatches() {
    }

    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> messageHandler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                messageHandler.accept(message);
            } catch (RuntimeException failure) {
                System.err.println("Message " + message.getMessageId() + " failed; it will be retried: " + failure);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
