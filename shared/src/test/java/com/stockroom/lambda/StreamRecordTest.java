package com.stockroom.lambda;

import static com.stockroom.lambda.StreamEvents.json;
import static com.stockroom.lambda.StreamEvents.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockroom.QuietStderr;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading a stream record's DynamoDB JSON into the SDK's attribute values, and refusing what is not DynamoDB JSON. */
@ExtendWith(QuietStderr.class)
class StreamRecordTest {


    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }

    private static SdkBytes bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return SdkBytes.fromByteArray(bytes);
    }

    /** The records the handler saw and the answer's item identifiers, for one batch. */
    private record Outcome(List<StreamRecord> seen, List<String> failed) {
    }

    private static Outcome process(Map<String, Object> event) {
        List<StreamRecord> seen = new ArrayList<>();
        List<String> failed = StreamBatchesTest.itemIdentifiers(StreamBatches.process(event, seen::add));
        return new Outcome(seen, failed);
    }

    /** The one record of a batch, as the handler got it. */
    private static StreamRecord read(StreamEvents.Record record) {
        Outcome outcome = process(StreamEvents.event(record));
        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.seen()).hasSize(1);
        return outcome.seen().get(0);
    }

    /** The value of attribute {@code a} of a record's new image, as the handler got it. */
    private static AttributeValue newImageValue(String dynamoJson) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("product_id", StreamEvents.s("p1"));
        image.put("a", json(dynamoJson));
        return read(record("INSERT", "1", "NEW_AND_OLD_IMAGES").newImage(image)).newImage().get("a");
    }

    // --- each type converts to the equal SDK value

    static Stream<Arguments> eachType() {
        return Stream.of(
                Arguments.of("{\"S\":\"caf\u00e9 \ud83d\ude00\"}", s("café \ud83d\ude00")),
                Arguments.of("{\"S\":\"\"}", s("")),
                Arguments.of("{\"N\":\"-12.50\"}", n("-12.50")),
                Arguments.of("{\"N\":\"123456789012345678901234567890123456789\"}", n("123456789012345678901234567890123456789")),
                Arguments.of("{\"B\":\"AQID/w==\"}", AttributeValue.builder().b(bytes(1, 2, 3, 255)).build()),
                Arguments.of("{\"SS\":[\"a\",\"b\"]}", AttributeValue.builder().ss("a", "b").build()),
                Arguments.of("{\"NS\":[\"1\",\"2.5\"]}", AttributeValue.builder().ns("1", "2.5").build()),
                Arguments.of("{\"BS\":[\"AA==\",\"AQI=\"]}", AttributeValue.builder().bs(bytes(0), bytes(1, 2)).build()),
                Arguments.of("{\"M\":{\"x\":{\"S\":\"y\"},\"deep\":{\"M\":{\"z\":{\"N\":\"1\"}}}}}",
                        AttributeValue.builder().m(Map.of("x", s("y"),
                                "deep", AttributeValue.builder().m(Map.of("z", n("1"))).build())).build()),
                Arguments.of("{\"M\":{}}", AttributeValue.builder().m(Map.of()).build()),
                Arguments.of("{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"},{\"L\":[{\"BOOL\":true}]},{\"NULL\":true}]}",
                        AttributeValue.builder().l(s("a"), n("1"),
                                AttributeValue.builder().l(AttributeValue.builder().bool(true).build()).build(),
                                AttributeValue.builder().nul(true).build()).build()),
                Arguments.of("{\"L\":[]}", AttributeValue.builder().l(List.of()).build()),
                Arguments.of("{\"BOOL\":true}", AttributeValue.builder().bool(true).build()),
                Arguments.of("{\"BOOL\":false}", AttributeValue.builder().bool(false).build()),
                Arguments.of("{\"NULL\":true}", AttributeValue.builder().nul(true).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachType")
    void each_attribute_type_converts_to_the_equal_sdk_value(String dynamoJson, AttributeValue expected) {
        AttributeValue read = newImageValue(dynamoJson);

        assertThat(read).isEqualTo(expected);
        assertThat(read.type()).isEqualTo(expected.type());
    }

    @Test
    void the_record_carries_its_event_name_sequence_number_view_type_keys_and_both_images() {
        StreamRecord record = read(record("MODIFY", "4200000000000000000001", "NEW_AND_OLD_IMAGES")
                .keys(Map.of("product_id", StreamEvents.s("p1"), "sk", StreamEvents.n("7")))
                .oldImage(Map.of("product_id", StreamEvents.s("p1"), "total", StreamEvents.n("1")))
                .newImage(Map.of("product_id", StreamEvents.s("p1"), "total", StreamEvents.n("2"))));

        assertThat(record.eventName()).isEqualTo("MODIFY");
        assertThat(record.sequenceNumber()).isEqualTo("4200000000000000000001");
        assertThat(record.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(record.keys()).containsOnly(Map.entry("product_id", s("p1")), Map.entry("sk", n("7")));
        assertThat(record.oldImage()).containsOnly(Map.entry("product_id", s("p1")), Map.entry("total", n("1")));
        assertThat(record.newImage()).containsOnly(Map.entry("product_id", s("p1")), Map.entry("total", n("2")));
    }

    @Test
    void an_image_the_record_lacks_or_gives_as_null_is_empty() {
        StreamRecord insert = read(record("INSERT", "1", "NEW_AND_OLD_IMAGES").newImage());
        Map<String, Object> nullImage = record("REMOVE", "2", "NEW_AND_OLD_IMAGES").oldImage().build();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) nullImage.get("dynamodb");
        data.put("NewImage", null);
        Outcome remove = process(StreamEvents.event(List.of(nullImage)));

        assertThat(insert.oldImage()).isEmpty();
        assertThat(remove.failed()).isEmpty();
        assertThat(remove.seen()).singleElement().satisfies(r -> assertThat(r.newImage()).isEmpty());
    }

    @Test
    void a_stream_event_as_lambda_sends_it_is_read_from_its_json() throws IOException {
        String text = """
                {"Records":[{"eventID":"c4ca4238a0b923820dcc509a6f75849b","eventName":"INSERT","eventVersion":"1.1",
                  "eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                  "dynamodb":{"ApproximateCreationDateTime":1.7648E9,"Keys":{"product_id":{"S":"p1"}},
                    "NewImage":{"product_id":{"S":"p1"},"total":{"N":"5"},"tags":{"SS":["new"]},"deleted":{"BOOL":false}},
                    "SequenceNumber":"111","SizeBytes":26,"StreamViewType":"NEW_AND_OLD_IMAGES"},
                  "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/stock/stream/2026-12-01T00:00:00.000"}]}
                """;

        Outcome outcome = process(Events.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.seen()).singleElement().satisfies(record -> {
            assertThat(record.sequenceNumber()).isEqualTo("111");
            assertThat(record.newImage()).containsOnly(Map.entry("product_id", s("p1")), Map.entry("total", n("5")),
                    Map.entry("tags", AttributeValue.builder().ss("new").build()),
                    Map.entry("deleted", AttributeValue.builder().bool(false).build()));
        });
    }

    // --- malformed values fail their record and stop the batch

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{}",                                   // no type member
        "{\"S\":\"a\",\"N\":\"1\"}",            // two type members
        "{\"X\":\"a\"}",                        // an unknown type
        "{\"s\":\"a\"}",                        // types are upper case
        "\"a\"",                                // not an object
        "[{\"S\":\"a\"}]",
        "null",
        "{\"S\":1}",                            // S and N are strings
        "{\"S\":null}",
        "{\"N\":1}",
        "{\"N\":{\"S\":\"1\"}}",
        "{\"B\":\"not base64!\"}",              // B is base64
        "{\"B\":\"A\"}",
        "{\"B\":\"-_8=\"}",                    // the URL-safe alphabet is not DynamoDB's
        "{\"B\":5}",
        "{\"SS\":\"a\"}",                       // sets and lists are arrays
        "{\"SS\":[\"a\",1]}",
        "{\"NS\":[1]}",
        "{\"BS\":[\"AA==\",\"**\"]}",
        "{\"BS\":\"AA==\"}",
        "{\"M\":\"x\"}",                        // M is an object of attribute values
        "{\"M\":[]}",
        "{\"M\":{\"x\":{\"Q\":\"y\"}}}",
        "{\"M\":{\"x\":\"y\"}}",
        "{\"L\":{}}",
        "{\"L\":[{\"S\":\"a\"},{}]}",
        "{\"L\":[\"a\"]}",
        "{\"BOOL\":\"true\"}",                  // BOOL and NULL are true or false
        "{\"BOOL\":null}",
        "{\"NULL\":\"true\"}",
        "{\"NULL\":1}",
    })
    void a_malformed_attribute_value_fails_its_record_by_its_sequence_number_and_stops_the_batch(String value) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("product_id", StreamEvents.s("p1"));
        image.put("a", json(value));

        Outcome outcome = process(StreamEvents.event(
                record("INSERT", "10", "NEW_AND_OLD_IMAGES").newImage(),
                record("INSERT", "20", "NEW_AND_OLD_IMAGES").newImage(image),
                record("INSERT", "30", "NEW_AND_OLD_IMAGES").newImage()));

        assertThat(outcome.failed()).containsExactly("20");
        assertThat(outcome.seen()).extracting(StreamRecord::sequenceNumber).containsExactly("10");
    }

    @Test
    void a_malformed_value_in_the_keys_or_the_old_image_fails_its_record_too() {
        Outcome badKey = process(StreamEvents.event(
                record("MODIFY", "5", "NEW_AND_OLD_IMAGES").keys(Map.of("product_id", Map.of("S", 1))).oldImage().newImage()));
        Outcome badOld = process(StreamEvents.event(
                record("MODIFY", "6", "NEW_AND_OLD_IMAGES").newImage().oldImage(Map.of("total", Map.of("N", "1", "S", "1")))));

        assertThat(badKey.failed()).containsExactly("5");
        assertThat(badKey.seen()).isEmpty();
        assertThat(badOld.failed()).containsExactly("6");
        assertThat(badOld.seen()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"p1\"", "[]", "[{\"S\":\"p1\"}]", "5", "true"})
    void keys_or_an_image_that_are_not_an_object_of_attributes_fail_the_record(String member) {
        Outcome badKeys = process(StreamEvents.event(record("INSERT", "7", "NEW_AND_OLD_IMAGES").newImage().keys(json(member))));
        Outcome badImage = process(StreamEvents.event(record("INSERT", "8", "NEW_AND_OLD_IMAGES").newImage(json(member))));

        assertThat(badKeys.failed()).containsExactly("7");
        assertThat(badImage.failed()).containsExactly("8");
        assertThat(badKeys.seen()).isEmpty();
        assertThat(badImage.seen()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"a record\"", "42", "null", "[]", "true"})
    void a_record_that_is_not_an_object_fails_and_stops_the_batch(String notAnObject) {
        List<Object> records = new ArrayList<>();
        records.add(record("INSERT", "1", "NEW_AND_OLD_IMAGES").newImage().build());
        records.add(json(notAnObject));
        records.add(record("INSERT", "3", "NEW_AND_OLD_IMAGES").newImage().build());

        Outcome outcome = process(StreamEvents.event(records));

        assertThat(outcome.failed()).hasSize(1).containsOnlyNulls();
        assertThat(outcome.seen()).extracting(StreamRecord::sequenceNumber).containsExactly("1");
    }

    @Test
    void a_dynamodb_member_that_is_not_an_object_fails_the_record() {
        Map<String, Object> record = record("INSERT", "1", "NEW_AND_OLD_IMAGES").newImage().build();
        record.put("dynamodb", "{\"SequenceNumber\":\"1\"}");

        Outcome outcome = process(StreamEvents.event(List.of(record)));

        assertThat(outcome.failed()).hasSize(1).containsOnlyNulls();
        assertThat(outcome.seen()).isEmpty();
    }

    @Test
    void an_event_without_records_has_no_failures() {
        assertThat(StreamBatches.process(Map.of(), record -> { })).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(StreamBatches.process(Map.of("Records", "none"), record -> { })).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(StreamBatches.process(StreamEvents.event(List.of()), record -> { })).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void the_answer_is_the_batch_item_failures_document_lambda_reads() {
        String answer = StreamBatches.process(StreamEvents.event(
                record("INSERT", "10", "NEW_AND_OLD_IMAGES").newImage(),
                record("INSERT", "20", "NEW_AND_OLD_IMAGES")), record -> { });

        assertThat(answer).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"20\"}]}");
    }

    // --- requireWellFormed on its own

    @Test
    void require_well_formed_accepts_a_record_with_what_its_view_promises() {
        StreamBatches.requireWellFormed(new StreamRecord("MODIFY", "1", "NEW_AND_OLD_IMAGES", Map.of("product_id", s("p1")),
                Map.of("total", n("1")), Map.of("total", n("2"))));
        StreamBatches.requireWellFormed(new StreamRecord("REMOVE", "2", "KEYS_ONLY", Map.of("product_id", s("p1")), Map.of(), Map.of()));
        StreamBatches.requireWellFormed(new StreamRecord("INSERT", "3", "NEW_IMAGE", Map.of("product_id", s("p1")), null,
                Map.of("total", n("1"))));
    }

    @Test
    void require_well_formed_refuses_a_record_as_malformed() {
        Map<String, AttributeValue> keys = Map.of("product_id", s("p1"));
        Map<String, AttributeValue> image = Map.of("total", n("1"));

        assertThatThrownBy(() -> StreamBatches.requireWellFormed(new StreamRecord(null, "1", "NEW_IMAGE", keys, Map.of(), image)))
                .isInstanceOf(StreamBatches.MalformedRecord.class).hasMessageContaining("event name");
        assertThatThrownBy(() -> StreamBatches.requireWellFormed(new StreamRecord("INSERT", "1".repeat(41), "NEW_IMAGE", keys, Map.of(), image)))
                .isInstanceOf(StreamBatches.MalformedRecord.class).hasMessageContaining("sequence number");
        assertThatThrownBy(() -> StreamBatches.requireWellFormed(new StreamRecord("INSERT", "1", "NEW_IMAGE", Map.of(), Map.of(), image)))
                .isInstanceOf(StreamBatches.MalformedRecord.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> StreamBatches.requireWellFormed(new StreamRecord("INSERT", "1", null, keys, Map.of(), image)))
                .isInstanceOf(StreamBatches.MalformedRecord.class).hasMessageContaining("view type");
        assertThatThrownBy(() -> StreamBatches.requireWellFormed(new StreamRecord("INSERT", "1", "NEW_IMAGE", keys, Map.of(), null)))
                .isInstanceOf(StreamBatches.MalformedRecord.class).hasMessageContaining("no new image");
    }
}
