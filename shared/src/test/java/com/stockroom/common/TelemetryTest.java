package com.stockroom.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log line's format, its levels and its Embedded Metric Format members, read back as JSON. */
class TelemetryTest {

    private static final Instant START = Instant.parse("2026-12-02T05:20:00.123Z");

    private final List<String> lines = new ArrayList<>();
    private final MovableClock clock = new MovableClock(START);
    private Consumer<String> sinkBefore;
    private LongSupplier clockBefore;

    @BeforeEach
    void capture() {
        sinkBefore = Telemetry.sink(lines::add);
        clockBefore = Telemetry.clock(clock);
    }

    @AfterEach
    void restore() {
        Telemetry.leave();
        Telemetry.sink(sinkBefore);
        Telemetry.clock(clockBefore);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) throws Json.Malformed {
        assertThat(line).doesNotContain("\n", "\r");
        return (Map<String, Object>) Json.parse(line);
    }

    private static Telemetry.Function orders(Telemetry.Level threshold) {
        return new Telemetry.Function("OrdersApiFunction", threshold);
    }

    @Test
    void a_priming_invocation_whose_lines_are_unwritten_writes_none_and_the_next_invocation_writes_again() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.INFO).unwritten(), null);
        Telemetry.begin().route("GET /v2/orders/{order_id}").status(404).end();
        Telemetry.warn("a diagnostic while priming");
        Telemetry.leave();
        assertThat(lines).as("lines written while priming").isEmpty();

        Telemetry.enter(orders(Telemetry.Level.INFO), "lambda-request-1");
        Telemetry.begin().route("GET /v2/orders/{order_id}").status(404).end();
        assertThat(lines).hasSize(1);
        assertThat(parse(lines.get(0))).containsEntry("function", "OrdersApiFunction").containsEntry("status", 404L);
    }

    @Test
    void an_http_event_is_one_line_with_its_route_ids_outcome_latency_and_correlation_id() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.INFO), "lambda-request-1");
        Telemetry.Event event = Telemetry.begin().route("POST /v2/orders/{order_id}/payments").correlationId("corr-1");
        Telemetry.orderId("o-1");
        Telemetry.paymentId("p-1");
        clock.advance(42);
        event.status(202).end();

        assertThat(lines).hasSize(1);
        Map<String, Object> line = parse(lines.get(0));
        assertThat(line).containsEntry("timestamp", "2026-12-02T05:20:00.165Z").containsEntry("level", "INFO")
                .containsEntry("function", "OrdersApiFunction").containsEntry("route", "POST /v2/orders/{order_id}/payments")
                .containsEntry("order_id", "o-1").containsEntry("payment_id", "p-1").containsEntry("outcome", "202")
                .containsEntry("status", 202L).containsEntry("latency_ms", 42L).containsEntry("correlation_id", "corr-1")
                .doesNotContainKey("_aws");
        assertThat(List.copyOf(line.keySet())).startsWith("timestamp", "level", "function");
    }

    @Test
    void metrics_ride_in_the_event_line_as_embedded_metric_format() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.INFO), null);
        Telemetry.Event event = Telemetry.begin().messageId("m-1");
        Telemetry.count(Metric.RELEASES);
        Telemetry.count(Metric.RELEASES);
        Telemetry.count(Metric.REFUNDS);
        Telemetry.measure(Metric.HISTORY_LAG, 120);
        Telemetry.measure(Metric.HISTORY_LAG, 80);
        event.end("processed", Telemetry.Level.INFO);

        Map<String, Object> line = parse(lines.get(0));
        assertThat(line).containsEntry("Releases", 2L).containsEntry("Refunds", 1L).containsEntry("HistoryLag", List.of(120L, 80L));
        @SuppressWarnings("unchecked")
        Map<String, Object> aws = (Map<String, Object>) line.get("_aws");
        assertThat(aws.get("Timestamp")).isEqualTo(START.toEpochMilli());
        assertThat(aws.get("CloudWatchMetrics")).isEqualTo(List.of(Map.of(
                "Namespace", "Stockroom",
                "Dimensions", List.of(List.of("function")),
                "Metrics", List.of(Map.of("Name", "Releases", "Unit", "Count"), Map.of("Name", "Refunds", "Unit", "Count"),
                        Map.of("Name", "HistoryLag", "Unit", "Milliseconds")))));
        assertThat(line.get("function")).as("the dimension's value is a member of the line").isEqualTo("OrdersApiFunction");
    }

    @Test
    void an_event_keeps_at_most_a_hundred_values_of_a_metric_as_the_format_allows() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.INFO), null);
        Telemetry.Event event = Telemetry.begin().sequenceNumbers("100", "400");
        for (int i = 0; i < 150; i++) {
            Telemetry.measure(Metric.HISTORY_LAG, i);
        }
        event.end("processed", Telemetry.Level.INFO);

        Map<String, Object> line = parse(lines.get(0));
        assertThat((List<?>) line.get("HistoryLag")).hasSize(100);
        assertThat(line).containsEntry("first_sequence_number", "100").containsEntry("last_sequence_number", "400");
    }

    @Test
    void one_measured_value_is_a_number_and_counts_add_up() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.INFO), null);
        Telemetry.Event event = Telemetry.begin();
        Telemetry.measure(Metric.HISTORY_LAG, 7);
        Telemetry.count(Metric.TIMEOUTS, 3);
        Telemetry.count(Metric.TIMEOUTS, 0);
        Telemetry.count(Metric.TIMEOUTS, 2);
        Telemetry.measure(Metric.TIMEOUTS, 9);
        event.end("processed", Telemetry.Level.INFO);

        assertThat(parse(lines.get(0))).containsEntry("HistoryLag", 7L).containsEntry("PaymentTimeouts", 5L);
    }

    @Test
    void hostile_ids_and_messages_cannot_break_the_line_or_forge_members() throws Exception {
        String hostile = "a\"b\\c\nd\re\tf\u0000g\u001fh\u007fi\u2028j\",\"level\":\"ERROR\"}{";
        String loneSurrogate = "x\uD800y";
        Telemetry.enter(orders(Telemetry.Level.INFO), null);
        Telemetry.Event event = Telemetry.begin().route(hostile).messageId(loneSurrogate).correlationId("é😀");
        Telemetry.orderId(hostile);
        event.end("processed", Telemetry.Level.INFO);
        Telemetry.warn(hostile);

        assertThat(lines).hasSize(2);
        Map<String, Object> line = parse(lines.get(0));
        assertThat(line).containsEntry("route", hostile).containsEntry("order_id", hostile).containsEntry("level", "INFO")
                .containsEntry("message_id", "x\uFFFDy").containsEntry("correlation_id", "é😀");
        assertThat(parse(lines.get(1))).containsEntry("message", hostile).containsEntry("level", "WARN");
    }

    @Test
    void lines_below_the_functions_level_are_not_written() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.WARN), null);
        Telemetry.begin().route("GET /v2/orders/{order_id}").status(200).end();
        Telemetry.begin().route("GET /v2/orders/{order_id}").status(500).end();
        Telemetry.begin().messageId("m-1").fail("it will be retried");

        assertThat(lines).hasSize(2);
        assertThat(parse(lines.get(0))).containsEntry("level", "ERROR").containsEntry("status", 500L);
        assertThat(parse(lines.get(1))).containsEntry("level", "WARN").containsEntry("outcome", "failed")
                .containsEntry("error", "it will be retried");
    }

    @Test
    void the_level_is_read_as_lambda_names_it() {
        assertThat(Telemetry.Level.of(Optional.of("warn"))).isEqualTo(Telemetry.Level.WARN);
        assertThat(Telemetry.Level.of(Optional.of(" DEBUG "))).isEqualTo(Telemetry.Level.DEBUG);
        assertThat(Telemetry.Level.of(Optional.of("loud"))).isEqualTo(Telemetry.Level.INFO);
        assertThat(Telemetry.Level.of(Optional.empty())).isEqualTo(Telemetry.Level.INFO);
        assertThat(Telemetry.function(Optional.of("F"), Optional.of("ERROR"))).isEqualTo(new Telemetry.Function("F", Telemetry.Level.ERROR));
    }

    @Test
    void outside_an_invocation_no_event_line_is_written_but_warnings_are() throws Exception {
        Telemetry.Event event = Telemetry.begin().route("GET /v2/orders/{order_id}");
        Telemetry.count(Metric.ALLOCATIONS);
        event.status(200).end();
        Telemetry.warn("priming failed");

        assertThat(lines).hasSize(1);
        assertThat(parse(lines.get(0))).containsEntry("level", "WARN").containsEntry("message", "priming failed")
                .doesNotContainKey("function");
    }

    @Test
    void the_correlation_id_of_last_resort_is_lambdas_request_id() throws Exception {
        Telemetry.enter(orders(Telemetry.Level.INFO), "lambda-request-7");
        Telemetry.begin().messageId("m-1").end("processed", Telemetry.Level.INFO);

        assertThat(parse(lines.get(0))).containsEntry("correlation_id", "lambda-request-7");
        assertThat(Telemetry.correlationId()).as("no event is open any more").isEmpty();
    }

    @Test
    void metrics_and_ids_outside_an_event_go_nowhere() {
        Telemetry.enter(orders(Telemetry.Level.INFO), null);
        Telemetry.count(Metric.ALLOCATIONS);
        Telemetry.orderId("o-1");
        Telemetry.begin().messageId("m-1").end("processed", Telemetry.Level.INFO);

        assertThat(lines.get(0)).doesNotContain("o-1", "Allocations");
    }

    @Test
    void timestamps_are_rfc_3339_in_utc_with_milliseconds_for_any_date() {
        DateTimeFormatter rfc3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2000-02-29T23:59:59.999Z"),
                Instant.parse("2100-03-01T00:00:00Z"), Instant.parse("2024-12-31T12:00:00.001Z"), START));
        for (long millis = 0; millis < 200L * 365 * 86_400_000L; millis += 86_400_000L * 7 + 3_600_007L) {
            instants.add(Instant.ofEpochMilli(millis));
        }
        for (Instant instant : instants) {
            StringBuilder out = new StringBuilder();
            LogLine.appendTimestamp(out, instant.toEpochMilli());
            assertThat(out.toString()).isEqualTo(rfc3339.format(instant));
        }
    }

    private static final class MovableClock implements LongSupplier {
        private long now;

        MovableClock(Instant now) {
            this.now = now.toEpochMilli();
        }

        void advance(long millis) {
            now += millis;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }
}
