package com.stockroom.lambda;

import static com.stockroom.lambda.StreamEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.QuietStderr;
import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(QuietStderr.class)
class StreamBatchesTest {


    private static StreamEvents.Record record(String event, String sequence, String view, boolean oldImage, boolean newImage) {
        StreamEvents.Record record = StreamEvents.record(event, sequence, view);
        if (oldImage) {
            record.oldImage();
        }
        if (newImage) {
            record.newImage();
        }
        return record;
    }

    /** The item identifiers of the batch item failures the answer reports (null where one has none). */
    @SuppressWarnings("unchecked")
    static List<String> itemIdentifiers(String answer) {
        Map<String, Object> document;
        try {
            document = (Map<String, Object>) Json.parse(answer);
        } catch (Json.Malformed malformed) {
            throw new AssertionError("the answer is not JSON: " + answer, malformed);
        }
        assertThat(document).containsOnlyKeys("batchItemFailures");
        List<Object> failures = (List<Object>) document.get("batchItemFailures");
        return failures.stream().map(failure -> (String) ((Map<String, Object>) failure).get("itemIdentifier")).toList();
    }

    private static List<String> failures(List<StreamEvents.Record> records, Consumer<StreamRecord> handler) {
        return itemIdentifiers(StreamBatches.process(StreamEvents.event(records.toArray(StreamEvents.Record[]::new)), handler));
    }

    @Test
    void well_formed_records_all_reach_the_handler_in_order() {
        List<String> seen = new ArrayList<>();
        List<String> failed = failures(List.of(
                record("INSERT", "1", "NEW_AND_OLD_IMAGES", false, true),
                record("MODIFY", "2", "NEW_AND_OLD_IMAGES", true, true),
                record("REMOVE", "3", "NEW_AND_OLD_IMAGES", true, false),
                record("MODIFY", "4", "KEYS_ONLY", false, false),
                record("MODIFY", "5", "NEW_IMAGE", false, true)), r -> seen.add(r.sequenceNumber()));

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
                record("INSERT", "30", "NEW_AND_OLD_IMAGES", false, true)), r -> seen.add(r.sequenceNumber()));

        assertThat(failed).containsExactly("20");
        assertThat(seen).containsExactly("10");
    }

    @Test
    void a_record_with_no_keys_no_sequence_number_or_no_dynamodb_member_fails() {
        StreamEvents.Record noKeys = record("INSERT", "7", "NEW_AND_OLD_IMAGES", false, true).keys(Map.of());
        StreamEvents.Record noSequence = record("INSERT", null, "NEW_AND_OLD_IMAGES", false, true);
        StreamEvents.Record oddSequence = record("INSERT", "12a", "NEW_AND_OLD_IMAGES", false, true);
        StreamEvents.Record noData = StreamEvents.record("INSERT", "8", "NEW_AND_OLD_IMAGES").withoutData();

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
                    seen.add(r.sequenceNumber());
                    if (r.sequenceNumber().equals("2")) {
                        throw new IllegalStateException("cannot read it");
                    }
                });

        assertThat(failed).containsExactly("2");
        assertThat(seen).containsExactly("1", "2");
    }

    private static String batchOfFive() {
        return Json.write(StreamEvents.event(
                record("INSERT", "1", "NEW_AND_OLD_IMAGES", false, true), record("MODIFY", "2", "NEW_AND_OLD_IMAGES", true, true),
                record("MODIFY", "3", "NEW_AND_OLD_IMAGES", true, true), record("MODIFY", "4", "NEW_AND_OLD_IMAGES", true, true),
                record("MODIFY", "5", "NEW_AND_OLD_IMAGES", true, true)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parsed(String json) {
        try {
            return (Map<String, Object>) Json.parse(json);
        } catch (Json.Malformed malformed) {
            throw new AssertionError(malformed);
        }
    }

    @Test
    void publishing_sees_every_record_only_after_all_of_them_are_written() {
        List<String> steps = new ArrayList<>();
        String answer = StreamBatches.processInRuns(parsed(batchOfFive()), 2, r -> Optional.of(r.sequenceNumber()),
                run -> steps.add("write " + run), written -> {
                    steps.add("publish " + written);
                    return OptionalInt.empty();
                });

        assertThat(itemIdentifiers(answer)).isEmpty();
        assertThat(steps).containsExactly("write [1, 2]", "write [3, 4]", "write [5]", "publish [1, 2, 3, 4, 5]");
    }

    @Test
    void a_record_whose_events_could_not_be_published_is_where_the_batch_fails() {
        String answer = StreamBatches.processInRuns(parsed(batchOfFive()), 2, r -> Optional.of(r.sequenceNumber()),
                run -> { }, written -> OptionalInt.of(3));

        assertThat(itemIdentifiers(answer)).containsExactly("4");
    }

    @Test
    void a_run_that_fails_to_write_publishes_only_what_was_written_before_it_and_fails_there() {
        List<List<String>> published = new ArrayList<>();
        String answer = StreamBatches.processInRuns(parsed(batchOfFive()), 2, r -> Optional.of(r.sequenceNumber()),
                run -> {
                    if (run.contains("3")) {
                        throw new IllegalStateException("the history table is away");
                    }
                }, written -> {
                    published.add(List.copyOf(written));
                    return OptionalInt.empty();
                });

        assertThat(itemIdentifiers(answer)).containsExactly("3");
        assertThat(published).containsExactly(List.of("1", "2"));
    }

    @Test
    void a_publication_that_fails_before_a_failed_write_moves_the_failure_back_to_it() {
        String answer = StreamBatches.processInRuns(parsed(batchOfFive()), 2, r -> Optional.of(r.sequenceNumber()),
                run -> {
                    if (run.contains("5")) {
                        throw new IllegalStateException("the history table is away");
                    }
                }, written -> OptionalInt.of(1));

        assertThat(itemIdentifiers(answer)).containsExactly("2");
    }

    @Test
    void a_publisher_that_throws_fails_the_batch_at_its_first_written_record() {
        String answer = StreamBatches.processInRuns(parsed(batchOfFive()), 10, r -> Optional.of(r.sequenceNumber()),
                run -> { }, written -> {
                    throw new IllegalStateException("no bus");
                });

        assertThat(itemIdentifiers(answer)).containsExactly("1");
    }
}
