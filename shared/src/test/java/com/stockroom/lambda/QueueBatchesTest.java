package com.stockroom.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.QuietStderr;
import com.stockroom.common.Telemetry;
import com.stockroom.web.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(QuietStderr.class)
class QueueBatchesTest {


    private static Map<String, Object> message(String messageId, String body) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageId", messageId);
        message.put("receiptHandle", "handle-" + messageId);
        message.put("body", body);
        message.put("eventSource", "aws:sqs");
        return message;
    }

    private static Map<String, Object> event(Object... records) {
        return Map.of("Records", List.of(records));
    }

    @Test
    void every_message_reaches_the_handler_in_order_and_a_batch_without_failures_reports_none() {
        List<QueueMessage> seen = new ArrayList<>();

        String answer = QueueBatches.process(event(message("m1", "{\"a\":1}"), message("m2", "two")), seen::add);

        assertThat(answer).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(seen).containsExactly(new QueueMessage("m1", "{\"a\":1}"), new QueueMessage("m2", "two"));
    }

    @Test
    void failed_messages_are_reported_by_message_id_and_the_others_are_done() {
        List<String> seen = new ArrayList<>();

        String answer = QueueBatches.process(event(message("m1", "ok"), message("m2", "bad"), message("m3", "ok"),
                message("m4", "bad")), message -> {
                    seen.add(message.messageId());
                    if (message.body().equals("bad")) {
                        throw new IllegalStateException("cannot handle " + message.messageId());
                    }
                });

        assertThat(StreamBatchesTest.itemIdentifiers(answer)).containsExactly("m2", "m4");
        assertThat(answer).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m4\"}]}");
        assertThat(seen).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void a_well_formed_correlation_attribute_is_logged_and_a_malformed_one_is_not() throws Exception {
        List<String> lines = new ArrayList<>();
        java.util.function.Consumer<String> before = Telemetry.sink(lines::add);
        Telemetry.enter(new Telemetry.Function("PaymentResultsFunction", Telemetry.Level.INFO), "lambda-request-1");
        try {
            Map<String, Object> carried = message("m1", "ok");
            carried.put("messageAttributes", Map.of(Telemetry.CORRELATION_ATTRIBUTE, Map.of("stringValue", "checkout-7f3a:1", "dataType", "String")));
            Map<String, Object> hostile = message("m2", "ok");
            hostile.put("messageAttributes", Map.of(Telemetry.CORRELATION_ATTRIBUTE, Map.of("stringValue", "x".repeat(129), "dataType", "String")));
            Map<String, Object> quoted = message("m3", "ok");
            quoted.put("messageAttributes", Map.of(Telemetry.CORRELATION_ATTRIBUTE, Map.of("stringValue", "a\"b", "dataType", "String")));

            QueueBatches.process(event(carried, hostile, quoted), message -> { });
        } finally {
            Telemetry.leave();
            Telemetry.sink(before);
        }

        assertThat(lines).hasSize(3);
        assertThat(Json.parse(lines.get(0))).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("correlation_id", "checkout-7f3a:1");
        for (String line : lines.subList(1, 3)) {
            assertThat(Json.parse(line)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("correlation_id", "lambda-request-1");
        }
    }

    @Test
    void an_event_without_records_has_no_failures() {
        List<QueueMessage> seen = new ArrayList<>();

        assertThat(QueueBatches.process(Map.of(), seen::add)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(QueueBatches.process(Map.of("Records", "none"), seen::add)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(QueueBatches.process(event(), seen::add)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(seen).isEmpty();
    }

    @Test
    void members_of_the_wrong_type_are_read_as_absent() {
        List<QueueMessage> seen = new ArrayList<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("messageId", 7L);
        numbers.put("body", List.of("x"));

        QueueBatches.process(event(numbers, "not a message"), seen::add);

        assertThat(seen).containsExactly(new QueueMessage(null, null), new QueueMessage(null, null));
    }

    @Test
    void an_sqs_event_as_lambda_sends_it_is_read_from_its_json() throws IOException {
        String text = """
                {"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
                  "body":"{\\"order_id\\":\\"o-1\\",\\"outcome\\":\\"paid\\"}",
                  "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183"},
                  "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
                  "eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:payment-results","awsRegion":"eu-west-1"}]}
                """;
        List<QueueMessage> seen = new ArrayList<>();

        String answer = QueueBatches.process(Events.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), seen::add);

        assertThat(answer).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(seen).containsExactly(new QueueMessage("059f36b4-87a3-44ab-83d2-661975830a7d",
                "{\"order_id\":\"o-1\",\"outcome\":\"paid\"}"));
    }
}
