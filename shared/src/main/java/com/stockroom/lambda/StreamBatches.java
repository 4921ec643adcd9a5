package com.stockroom.lambda;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    /**
     * Handles the event's {@code Records} in order and answers the
     * {@code {"batchItemFailures":[{"itemIdentifier": sequenceNumber}]}} document Lambda reads.
     */
    public static String process(Map<String, Object> event, Consumer<StreamRecord> recordHandler) {
        List<Object> failures = new ArrayList<>();
        List<?> records = event.get("Records") instanceof List<?> list ? list : List.of();
        for (Object raw : records) {
            try {
                if (!(raw instanceof Map<?, ?>)) {
                    throw new MalformedRecord("the record is not an object");
                }
                @SuppressWarnings("unchecked")
                StreamRecord record = StreamRecord.read((Map<String, Object>) raw);
                requireWellFormed(record);
                recordHandler.accept(record);
            } catch (RuntimeException failure) {
                String sequenceNumber = StreamRecord.sequenceNumberOf(raw);
                System.err.println("Stream record " + sequenceNumber + " failed; it and the rest of the batch will be retried: " + failure);
                failures.add(Json.object("itemIdentifier", sequenceNumber));
                break;
            }
        }
        return Json.write(Json.object("batchItemFailures", failures));
    }

    /**
     * Refuses a record with an event name other than INSERT, MODIFY or REMOVE, no sequence
     * number (decimal digits), no keys, an unknown view type, or without the images its own view
     * type promises for its event: a new image for INSERT and MODIFY, an old one for MODIFY and
     * REMOVE (and none of them for KEYS_ONLY).
     */
    public static void requireWellFormed(StreamRecord record) {
        String event = record.eventName();
        if (event == null || !EVENT_NAMES.contains(event)) {
            throw new MalformedRecord("the event name is not INSERT, MODIFY or REMOVE");
        }
        if (record.sequenceNumber() == null || !record.sequenceNumber().matches("[0-9]{1,40}")) {
            throw new MalformedRecord("the record has no sequence number of decimal digits");
        }
        if (record.keys().isEmpty()) {
            throw new MalformedRecord("the record has no keys");
        }
        String view = record.streamViewType();
        if (view == null || !VIEW_TYPES.contains(view)) {
            throw new MalformedRecord("the stream view type is not one DynamoDB Streams has");
        }
        boolean newImages = view.equals("NEW_IMAGE") || view.equals("NEW_AND_OLD_IMAGES");
        boolean oldImages = view.equals("OLD_IMAGE") || view.equals("NEW_AND_OLD_IMAGES");
        if (newImages && !event.equals("REMOVE") && isEmpty(record.newImage())) {
            throw new MalformedRecord("a " + event + " record of a " + view + " stream has no new image");
        }
        if (oldImages && !event.equals("INSERT") && isEmpty(record.oldImage())) {
            throw new MalformedRecord("a " + event + " record of a " + view + " stream has no old image");
        }
    }

    private static boolean isEmpty(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty();
    }
}
