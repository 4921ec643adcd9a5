package com.stockroom.lambda;

import com.stockroom.common.Metric;
import com.stockroom.common.Telemetry;
import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs a DynamoDB stream batch record by record, in order, and reports a partial batch
 * failure: the first record that fails and everything after it are retried, nothing before it.
 * A record that DynamoDB Streams could not have sent as it is ({@link #requireWellFormed}) fails
 * before the handler sees it, so it reaches the on-failure destination after the retries
 * instead of being read as something it is not. The batch is logged as one line, by its first and
 * last sequence numbers, with the lag from each change to its write ({@link Metric#HISTORY_LAG}).
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
     * Handles the event's {@code Records} one by one, in order, and answers the
     * {@code {"batchItemFailures":[{"itemIdentifier": sequenceNumber}]}} document Lambda reads.
     */
    public static String process(Map<String, Object> event, Consumer<StreamRecord> recordHandler) {
        return processInRuns(event, 1, Optional::of, records -> recordHandler.accept(records.get(0)));
    }

    /**
     * Reads the event's records in order into what they write ({@code reading}: nothing, for a
     * record that writes nothing), then hands those over in runs of up to {@code runSize} to
     * {@code writing}, so a batch of N changes costs N / runSize writes rather than N. A record
     * that fails to read ends the reading there; a run that fails to write ends the writing there.
     * Either way the failure is reported at that record's sequence number, so Lambda retries it
     * and everything after it, and nothing before it; the records before it are written first.
     */
    public static <T> String processInRuns(Map<String, Object> event, int runSize, Function<StreamRecord, Optional<T>> reading,
            Consumer<List<T>> writing) {
        return processInRuns(event, runSize, reading, writing, written -> OptionalInt.empty());
    }

    /**
     * As {@link #processInRuns(Map, int, Function, Consumer)}, then hands what was written, in
     * order, to {@code publishing} (only once every run it holds is written, so nothing is
     * published ahead of its write), which answers the index of the first item it could not
     * publish, or empty. The batch failure is reported at the earliest record that failed to read,
     * to write or to publish: Lambda delivers it and everything after it again, and nothing
     * before it, so what is published again is only ever published again, never lost.
     */
    public static <T> String processInRuns(Map<String, Object> event, int runSize, Function<StreamRecord, Optional<T>> reading,
            Consumer<List<T>> writing, Function<List<T>, OptionalInt> publishing) {
        List<?> records = event.get("Records") instanceof List<?> list ? list : List.of();
        Telemetry.Event logged = Telemetry.begin().sequenceNumbers(
                records.isEmpty() ? null : StreamRecord.sequenceNumberOf(records.get(0)),
                records.isEmpty() ? null : StreamRecord.sequenceNumberOf(records.get(records.size() - 1)));
        List<T> read = new ArrayList<>();
        List<String> readFrom = new ArrayList<>();
        List<Long> createdAt = new ArrayList<>();
        // A record that cannot be read may have no sequence number: the failure is reported at null then.
        String failedAt = null;
        boolean failed = false;
        for (Object raw : records) {
            try {
                if (!(raw instanceof Map<?, ?>)) {
                    throw new MalformedRecord("the record is not an object");
                }
                @SuppressWarnings("unchecked")
                StreamRecord record = StreamRecord.read((Map<String, Object>) raw);
                requireWellFormed(record);
                Optional<T> item = reading.apply(record);
                if (item.isPresent()) {
                    read.add(item.get());
                    readFrom.add(record.sequenceNumber());
                    createdAt.add(createdMillis(raw));
                }
            } catch (RuntimeException failure) {
                failedAt = StreamRecord.sequenceNumberOf(raw);
                failed = true;
                logged.error("record " + failedAt + " could not be read; it and the rest of the batch will be retried: " + failure);
                break;
            }
        }
        int written = read.size();
        for (int from = 0; from < read.size(); from += runSize) {
            int to = Math.min(read.size(), from + runSize);
            try {
                writing.accept(read.subList(from, to));
            } catch (RuntimeException failure) {
                logged.error("records from " + readFrom.get(from) + " could not be written; they and the rest of the batch"
                        + " will be retried: " + failure);
                written = from;
                failedAt = readFrom.get(from);
                failed = true;
                break;
            }
            long writtenAt = Telemetry.millis();
            for (Long created : createdAt.subList(from, to)) {
                if (created != null) {
                    Telemetry.measure(Metric.HISTORY_LAG, Math.max(0, writtenAt - created));
                }
            }
        }
        if (written > 0) {
            OptionalInt unpublished;
            try {
                unpublished = publishing.apply(read.subList(0, written));
            } catch (RuntimeException failure) {
                logged.error("records from " + readFrom.get(0) + " could not be published: " + failure);
                unpublished = OptionalInt.of(0);
            }
            if (unpublished.isPresent()) {
                failedAt = readFrom.get(unpublished.getAsInt());
                failed = true;
                logged.error("records from " + failedAt + " could not all be published; they and the rest of the batch"
                        + " will be retried");
            }
        }
        if (failed) {
            logged.end("failed", Telemetry.Level.WARN);
            return failedAt(failedAt);
        }
        logged.end("processed", Telemetry.Level.INFO);
        return Json.write(Json.object("batchItemFailures", List.of()));
    }

    /**
     * When the change was made, as the record's {@code ApproximateCreationDateTime} says (epoch
     * seconds, perhaps with a fraction), or null.
     */
    private static Long createdMillis(Object raw) {
        if (raw instanceof Map<?, ?> fields && fields.get("dynamodb") instanceof Map<?, ?> data
                && data.get("ApproximateCreationDateTime") instanceof Number seconds) {
            return seconds instanceof java.math.BigDecimal exact
                    ? exact.movePointRight(3).longValue() : seconds.longValue() * 1000;
        }
        return null;
    }

    private static String failedAt(String sequenceNumber) {
        return Json.write(Json.object("batchItemFailures", List.of(Json.object("itemIdentifier", sequenceNumber))));
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
