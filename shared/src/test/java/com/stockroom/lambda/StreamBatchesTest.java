package com.stockroom.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamBatchesTest {

    private final PrintStream realErr = System.err;

    @BeforeEach
    void quietStderr() {
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
    }

    private static final Map<String, AttributeValue> IMAGE = Map.of("product_id", new AttributeValue().withS("p1"), "total", new AttributeValue().withN("1"));

    private static DynamodbEvent.DynamodbStreamRecord record(String event, String sequence, String view, boolean oldImage, boolean newImage) {
        StreamRecord data = new StreamRecord()
                .withKeys(Map.of("product_id", new AttributeValue().withS("p1")))
                .withSequenceNumber(sequence);
        viewType(data, view);
        if (oldImage) {
            data.setOldImage(IMAGE);
        }
        if (newImage) {
            data.setNewImage(IMAGE);
        }
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(event);
        record.setDynamodb(data);
        return record;
    }

    /** The view type as the event's JSON gives it: the setter takes only the SDK's enum, the runtime sets the string. */
    private static void viewType(StreamRecord data, String view) {
        try {
            java.lang.reflect.Field field = StreamRecord.class.getDeclaredField("streamViewType");
            field.setAccessible(true);
            field.set(data, view);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> failures(List<DynamodbEvent.DynamodbStreamRecord> records, Consumer<DynamodbEvent.DynamodbStreamRecord> handler) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        StreamsEventResponse response = StreamBatches.process(event, handler);
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void well_formed_records_all_reach_the_handler_in_order() {
        List<String> seen = new ArrayList<>();
        List<String> failed = failures(List.of(
                record("INSERT", "1", "NEW_AND_OLD_IMAGES", false, true),
                record("MODIFY", "2", "NEW_AND_OLD_IMAGES", true, true),
                record("REMOVE", "3", "NEW_AND_OLD_IMAGES", true, false),
                record("MODIFY", "4", "KEYS_ONLY", false, false),
                record("MODIFY", "5", "NEW_IMAGE", false, true)), r -> seen.add(r.getDynamodb().getSequenceNumber()));

        assertThat(failed).isEmpty();
        assertThat(seen).containsExactly("1", "2", "3", "4", "5");
    }

    @ParameterizedTest(name = "{0} {1} with old image {2} and new image {3}")
    @CsvSource({
        "INSERT, NEW_AND_OLD_IMAGES, false, false",
        "MODIFY, NEW_AND_OLD_IMAGES, false, true",
        "MODIFY, NEW_AND_OLD_IMAGES, true, false",
        "REMOVE, NEW_AND_OLD_IMAGES, false, false",
        "MODIFY, NEW_IMAGE, true, false",
        "REMOVE, OLD_IMAGE, false, false",
        "UPSERT, NEW_AND_OLD_IMAGES, true, true",
        "insert, NEW_AND_OLD_IMAGES, false, true",
        "INSERT, EVERYTHING, false, true",
    })
    void a_record_without_the_images_its_view_promises_or_with_an_unknown_event_or_view_fails_and_never_reaches_the_handler(
            String event, String view, boolean oldImage, boolean newImage) {
        List<String> seen = new ArrayList<>();
        List<String> failed = failures(List.of(
                record("INSERT", "10", "NEW_AND_OLD_IMAGES", false, true),
                record(event, "20", view, oldImage, newImage),
                record("INSERT", "30", "NEW_AND_OLD_IMAGES", false, true)), r -> seen.add(r.getDynamodb().getSequenceNumber()));

        assertThat(failed).containsExactly("20");
        assertThat(seen).containsExactly("10");
    }

    @Test
    void a_record_with_no_keys_no_sequence_number_or_no_dynamodb_member_fails() {
        DynamodbEvent.DynamodbStreamRecord noKeys = record("INSERT", "7", "NEW_AND_OLD_IMAGES", false, true);
        noKeys.getDynamodb().setKeys(Map.of());
        DynamodbEvent.DynamodbStreamRecord noSequence = record("INSERT", null, "NEW_AND_OLD_IMAGES", false, true);
        DynamodbEvent.DynamodbStreamRecord oddSequence = record("INSERT", "12a", "NEW_AND_OLD_IMAGES", false, true);
        DynamodbEvent.DynamodbStreamRecord noData = new DynamodbEvent.DynamodbStreamRecord();
        noData.setEventName("INSERT");

        assertThat(failures(List.of(noKeys), r -> { })).containsExactly("7");
        assertThat(failures(List.of(oddSequence), r -> { })).containsExactly("12a");
        List<String> unnamed = new ArrayList<>();
        unnamed.addAll(failures(List.of(noSequence), r -> { }));
        unnamed.addAll(failures(List.of(noData), r -> { }));
        assertThat(unnamed).hasSize(2).containsOnlyNulls();
    }

    @Test
    void a_handler_failure_fails_its_record_and_leaves_the_rest_of_the_batch_for_the_retry() {
        List<String> seen = new ArrayList<>();
        List<String> failed = failures(List.of(
                record("INSERT", "1", "NEW_AND_OLD_IMAGES", false, true),
                record("INSERT", "2", "NEW_AND_OLD_IMAGES", false, true),
                record("INSERT", "3", "NEW_AND_OLD_IMAGES", false, true)), r -> {
                    seen.add(r.getDynamodb().getSequenceNumber());
                    if (r.getDynamodb().getSequenceNumber().equals("2")) {
                        throw new IllegalStateException("cannot read it");
                    }
                });

        assertThat(failed).containsExactly("2");
        assertThat(seen).containsExactly("1", "2");
    }
}
