package com.stockroom.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import software.amazon.awssdk.core.SdkBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a DynamoDB stream batch record by record, in order, and reports a partial batch
 * failure: the first record that fails and everything after it are retried, nothing before it.
 * A record that DynamoDB Streams could not have sent as it is ({@link #requireWellFormed}) fails
 * before the handler sees it, so it reaches the on-failure destination after the retries
 * instead of being read as something it is not.
 */
public final class StreamBatches {

    private static final Set<String> EVENT_NAMES = Set.of("INSERT", "MODIFY", "REMOVE");
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");

    private StreamBatches() {
    }

    /** A stream record that cannot be what DynamoDB Streams sends. */
    public static final class MalformedRecord extends RuntimeException {
        MalformedRecord(String message) {
            super(message, null, false, false);
        }
    }

    public static StreamsEventResponse process(DynamodbEvent event, Consumer<DynamodbEvent.DynamodbStreamRecord> recordHandler) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                requireWellFormed(record);
                recordHandler.accept(record);
            } catch (RuntimeException failure) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                System.err.println("Stream record " + sequenceNumber + " failed; it and the rest of the batch will be retried: " + failure);
                failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumber).build());
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * Refuses a record with no {@code dynamodb} member, an event name other than INSERT, MODIFY
     * or REMOVE, no sequence number (decimal digits), no keys, an unknown view type, or without
     * the images its own view type promises for its event: a new image for INSERT and MODIFY, an
     * old one for MODIFY and REMOVE (and none of them for KEYS_ONLY).
     */
    public static void requireWellFormed(DynamodbEvent.DynamodbStreamRecord record) {
        var data = record.getDynamodb();
        if (data == null) {
            throw new MalformedRecord("the record has no dynamodb member");
        }
        String event = record.getEventName();
        if (event == null || !EVENT_NAMES.contains(event)) {
            throw new MalformedRecord("the event name is not INSERT, MODIFY or REMOVE");
        }
        if (data.getSequenceNumber() == null || !data.getSequenceNumber().matches("[0-9]{1,40}")) {
            throw new MalformedRecord("the record has no sequence number of decimal digits");
        }
        if (data.getKeys() == null || data.getKeys().isEmpty()) {
            throw new MalformedRecord("the record has no keys");
        }
        String view = data.getStreamViewType();
        if (view == null || !VIEW_TYPES.contains(view)) {
            throw new MalformedRecord("the stream view type is not one DynamoDB Streams has");
        }
        boolean newImages = view.equals("NEW_IMAGE") || view.equals("NEW_AND_OLD_IMAGES");
        boolean oldImages = view.equals("OLD_IMAGE") || view.equals("NEW_AND_OLD_IMAGES");
        if (newImages && !event.equals("REMOVE") && isEmpty(data.getNewImage())) {
            throw new MalformedRecord("a " + event + " record of a " + view + " stream has no new image");
        }
        if (oldImages && !event.equals("INSERT") && isEmpty(data.getOldImage())) {
            throw new MalformedRecord("a " + event + " record of a " + view + " stream has no old image");
        }
    }

    private static boolean isEmpty(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty();
    }

    /** A stream image in the SDK's own attribute values, which the adapters read. */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image(Map<String, AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new LinkedHashMap<>();
        image.forEach((name, value) -> sdk.put(name, toSdk(value)));
        return sdk;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            sdk.s(v.getS());
        } else if (v.getN() != null) {
            sdk.n(v.getN());
        } else if (v.getB() != null) {
            sdk.b(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getSS() != null) {
            sdk.ss(v.getSS());
        } else if (v.getNS() != null) {
            sdk.ns(v.getNS());
        } else if (v.getBS() != null) {
            sdk.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        } else if (v.getM() != null) {
            sdk.m(image(v.getM()));
        } else if (v.getL() != null) {
            sdk.l(v.getL().stream().map(StreamBatches::toSdk).toList());
        } else if (v.getBOOL() != null) {
            sdk.bool(v.getBOOL());
        } else {
            sdk.nul(true);
        }
        return sdk.build();
    }
}
