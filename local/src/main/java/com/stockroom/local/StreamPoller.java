package com.stockroom.local;

import com.stockroom.web.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping, as Lambda runs one: it reads each shard in order,
 * hands the function batches as the {@code DynamodbEvent} JSON Lambda sends, and honours the
 * partial batch response: the batch is retried from the first failed record, up to
 * {@code MaximumRetryAttempts}; a record that still fails is reported to the on-failure
 * destination and skipped, so one bad record cannot stall the shard.
 */
final class StreamPoller extends BackgroundLoop {

    record Source(String streamArn, int batchSize, ShardIteratorType startingPosition, int maximumRetryAttempts,
                  Optional<String> onFailureQueueUrl, LocalFunction function) {
    }

    private static final long IDLE_MILLIS = 100;

    private final Source source;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    /** Each open shard's next iterator, the shards read to their end, and when to look for new shards. */
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private long nextDescribe;

    private StreamPoller(Source source, DynamoDbStreamsClient streams, SqsClient sqs) {
        super("stream-" + source.function().name());
        this.source = source;
        this.streams = streams;
        this.sqs = sqs;
    }

    static StreamPoller start(Source source, DynamoDbStreamsClient streams, SqsClient sqs) {
        StreamPoller poller = new StreamPoller(source, streams, sqs);
        poller.start();
        return poller;
    }

    @Override
    void round() throws InterruptedException {
        if (System.currentTimeMillis() >= nextDescribe) {
            for (Shard shard : streams.describeStream(d -> d.streamArn(source.streamArn())).streamDescription().shards()) {
                String id = shard.shardId();
                boolean parentDone = shard.parentShardId() == null || finished.contains(shard.parentShardId())
                        || !iterators.containsKey(shard.parentShardId());
                if (!iterators.containsKey(id) && !finished.contains(id) && parentDone) {
                    iterators.put(id, streams.getShardIterator(g -> g.streamArn(source.streamArn())
                            .shardId(id).shardIteratorType(source.startingPosition())).shardIterator());
                }
            }
            nextDescribe = System.currentTimeMillis() + 1000;
        }
        boolean delivered = false;
        for (String shardId : new ArrayList<>(iterators.keySet())) {
            String iterator = iterators.get(shardId);
            GetRecordsResponse response;
            try {
                response = streams.getRecords(g -> g.shardIterator(iterator).limit(source.batchSize()));
            } catch (ExpiredIteratorException expired) {
                iterators.remove(shardId);
                nextDescribe = 0;
                continue;
            }
            if (!response.records().isEmpty()) {
                deliver(shardId, response.records());
                delivered = true;
            }
            if (response.nextShardIterator() == null) {
                iterators.remove(shardId);
                finished.add(shardId);
                nextDescribe = 0;
            } else {
                iterators.put(shardId, response.nextShardIterator());
            }
        }
        if (!delivered) {
            Thread.sleep(IDLE_MILLIS);
        }
    }

    private void deliver(String shardId, List<Record> records) throws InterruptedException {
        List<Record> pending = records;
        int attempts = 0;
        while (!pending.isEmpty() && running()) {
            int failedAt = invoke(pending);
            if (failedAt < 0) {
                return;
            }
            pending = pending.subList(failedAt, pending.size());
            attempts++;
            if (attempts > source.maximumRetryAttempts()) {
                Record poison = pending.get(0);
                reportFailure(shardId, poison, attempts);
                pending = pending.subList(1, pending.size());
                attempts = 0;
                continue;
            }
            Thread.sleep(Math.min(2000, 50L * (1L << Math.min(attempts, 6))));
        }
    }

    /** Invokes the function with the batch; the index of the first record to retry, or -1 if all succeeded. */
    private int invoke(List<Record> batch) {
        String answer;
        try {
            answer = source.function().invoke(Json.write(event(source.streamArn(), batch)));
        } catch (LocalFunction.FunctionError error) {
            System.err.println(error.getMessage());
            return 0;
        }
        Object parsed;
        try {
            parsed = Json.parse(answer);
        } catch (Json.Malformed malformed) {
            return -1;
        }
        if (!(parsed instanceof Map<?, ?> response) || !(response.get("batchItemFailures") instanceof List<?> failures)
                || failures.isEmpty()) {
            return -1;
        }
        int first = batch.size();
        for (Object failure : failures) {
            Object id = failure instanceof Map<?, ?> f ? f.get("itemIdentifier") : null;
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(id)) {
                    index = i;
                }
            }
            // An identifier that names no record of the batch fails the whole batch, as on AWS.
            first = Math.min(first, index < 0 ? 0 : index);
        }
        return first;
    }

    /** The {@code DynamodbEvent} JSON Lambda delivers for a batch of stream records. */
    static Map<String, Object> event(String streamArn, List<Record> batch) {
        List<Object> records = new ArrayList<>();
        for (Record record : batch) {
            StreamRecord data = record.dynamodb();
            Instant created = data.approximateCreationDateTime() == null ? Instant.now() : data.approximateCreationDateTime();
            records.add(Json.object(
                    "eventID", record.eventID(),
                    "eventName", record.eventNameAsString(),
                    "eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion(),
                    "eventSource", "aws:dynamodb",
                    "awsRegion", record.awsRegion() == null ? Intrinsics.REGION : record.awsRegion(),
                    "dynamodb", Json.object(
                            "ApproximateCreationDateTime", created.getEpochSecond(),
                            "Keys", image(data.keys()),
                            "NewImage", data.hasNewImage() ? image(data.newImage()) : null,
                            "OldImage", data.hasOldImage() ? image(data.oldImage()) : null,
                            "SequenceNumber", data.sequenceNumber(),
                            "SizeBytes", data.sizeBytes(),
                            "StreamViewType", data.streamViewTypeAsString()),
                    "eventSourceARN", streamArn));
        }
        return Json.object("Records", records);
    }

    private void reportFailure(String shardId, Record record, int attempts) {
        String sequence = record.dynamodb().sequenceNumber();
        System.err.println("[" + source.function().name() + "] stream record " + sequence
                + " still fails after " + attempts + " attempts; sent to the on-failure destination and skipped");
        source.onFailureQueueUrl().ifPresent(url -> sqs.sendMessage(s -> s.queueUrl(url).messageBody(Json.write(Json.object(
                "requestContext", Json.object(
                        "requestId", java.util.UUID.randomUUID().toString(),
                        "functionArn", "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + source.function().name(),
                        "condition", "RetryAttemptsExhausted",
                        "approximateInvokeCount", attempts),
                "version", "1.0",
                "timestamp", Instant.now().toString(),
                "DDBStreamBatchInfo", Json.object(
                        "shardId", shardId,
                        "startSequenceNumber", sequence,
                        "endSequenceNumber", sequence,
                        "batchSize", 1,
                        "streamArn", source.streamArn()))))));
    }

    /** A DynamoDB image in the JSON form stream events carry ({@code {"S": "..."}}, {@code {"N": "..."}} ...). */
    static Map<String, Object> image(Map<String, AttributeValue> image) {
        Map<String, Object> json = new LinkedHashMap<>();
        image.forEach((name, value) -> json.put(name, attribute(value)));
        return json;
    }

    private static Map<String, Object> attribute(AttributeValue v) {
        switch (v.type()) {
            case S: return Map.of("S", v.s());
            case N: return Map.of("N", v.n());
            case B: return Map.of("B", base64(v.b()));
            case SS: return Map.of("SS", v.ss());
            case NS: return Map.of("NS", v.ns());
            case BS: return Map.of("BS", v.bs().stream().map(StreamPoller::base64).toList());
            case M: return Map.of("M", image(v.m()));
            case L: return Map.of("L", v.l().stream().map(StreamPoller::attribute).toList());
            case BOOL: return Map.of("BOOL", v.bool());
            case NUL: return Map.of("NULL", true);
            default: throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
    }

    private static String base64(SdkBytes bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
