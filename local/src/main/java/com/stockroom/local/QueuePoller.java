package com.stockroom.local;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping, as Lambda runs one: it long-polls the queue, hands the function
 * batches as the {@code SQSEvent} JSON Lambda sends, deletes the messages that succeeded and
 * leaves those the partial batch response names (or all, if the function failed) to come back
 * after the queue's visibility timeout, and past {@code maxReceiveCount} to go to the queue's
 * dead-letter queue by its redrive policy.
 */
final class QueuePoller extends BackgroundLoop {

    record Source(String queueUrl, String queueArn, int batchSize, LocalFunction function) {
    }

    private final Source source;
    private final SqsClient sqs;

    private QueuePoller(Source source, SqsClient sqs) {
        super("queue-" + source.function().name());
        this.source = source;
        this.sqs = sqs;
    }

    static QueuePoller start(Source source, SqsClient sqs) {
        QueuePoller poller = new QueuePoller(source, sqs);
        poller.start();
        return poller;
    }

    @Override
    void round() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(source.queueUrl())
                .maxNumberOfMessages(Math.min(10, source.batchSize()))
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (!messages.isEmpty()) {
            deliver(messages);
        }
    }

    private void deliver(List<Message> messages) {
        Set<String> failed = new HashSet<>();
        try {
            Object answer = Json.parse(source.function().invoke(Json.write(event(messages))));
            if (answer instanceof Map<?, ?> response && response.get("batchItemFailures") instanceof List<?> failures) {
                for (Object failure : failures) {
                    failed.add(String.valueOf(((Map<?, ?>) failure).get("itemIdentifier")));
                }
            }
        } catch (LocalFunction.FunctionError | Json.Malformed error) {
            System.err.println("[" + source.function().name() + "] " + error.getMessage() + "; the batch will be retried");
            return;
        }
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(d -> d.queueUrl(source.queueUrl()).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private Map<String, Object> event(List<Message> messages) {
        List<Object> records = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            message.attributesAsStrings().forEach(attributes::put);
            Map<String, Object> messageAttributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> messageAttributes.put(name,
                    Json.object("stringValue", value.stringValue(), "dataType", value.dataType())));
            records.add(Json.object(
                    "messageId", message.messageId(),
                    "receiptHandle", message.receiptHandle(),
                    "body", message.body(),
                    "attributes", attributes,
                    "messageAttributes", messageAttributes,
                    "md5OfBody", message.md5OfBody(),
                    "eventSource", "aws:sqs",
                    "eventSourceARN", source.queueArn(),
                    "awsRegion", Intrinsics.REGION));
        }
        return Json.object("Records", records);
    }
}
