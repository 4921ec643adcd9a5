package com.stockroom.local;

import static com.stockroom.local.Shop.awaitOrder;
import static com.stockroom.local.Shop.is;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The functions' JSON log lines and Embedded Metric Format metrics, as the local stack's functions
 * write them while a real flow runs through it: one line per request, message and stream batch;
 * the correlation id of the HTTP request that paid on the payment result's line; the metrics
 * counted where the stock moved.
 */
@ExtendWith(Stack.class)
class LogsAndMetricsIT {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static Api.Client shopper(String correlationId) {
        return Api.asTestShopper().header("X-Correlation-Id", correlationId);
    }

    private static Predicate<Map<String, Object>> correlated(String correlationId) {
        return line -> correlationId.equals(line.get("correlation_id"));
    }

    private static String payBody(String token) {
        return "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\"" + token + "\"}}";
    }

    /** A fresh cart with {@code quantity} of the product, checked out under {@code correlationId}: the order id. */
    private static String checkedOut(String product, int quantity, String correlationId) {
        String cart = Api.uniqueId("cart");
        Api.Response added = shopper(correlationId).post("/v2/carts/" + cart + "/items",
                "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":" + quantity + "}}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.header("X-Correlation-Id")).as("the id is answered back").contains(correlationId);
        Api.Response order = shopper(correlationId).post("/v2/carts/" + cart + "/checkout",
                "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},\"shipping_address\":{\"city\":\"Oslo\"},"
                        + "\"billing_address\":{\"city\":\"Oslo\"}}}");
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        return (String) order.data().get("id");
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> metricDirectives(Map<String, Object> line) {
        return (List<Map<String, Object>>) ((Map<String, Object>) line.get("_aws")).get("CloudWatchMetrics");
    }

    /** The metrics a line declares, by name, each checked against the format: a number (or numbers) at the root, a unit. */
    @SuppressWarnings("unchecked")
    private static Set<String> declaredMetrics(Map<String, Object> line) {
        Map<String, Object> aws = (Map<String, Object>) line.get("_aws");
        assertThat(aws.get("Timestamp")).isInstanceOf(Number.class);
        List<Map<String, Object>> directives = metricDirectives(line);
        assertThat(directives).hasSize(1);
        assertThat(directives.get(0)).containsEntry("Namespace", "Stockroom").containsEntry("Dimensions", List.of(List.of("function")));
        assertThat(line.get("function")).isInstanceOf(String.class);
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) directives.get(0).get("Metrics");
        for (Map<String, Object> metric : metrics) {
            assertThat(metric).containsOnlyKeys("Name", "Unit");
            Object value = line.get((String) metric.get("Name"));
            assertThat(value instanceof Number || value instanceof List<?>).as("the root has the metric's value: " + line).isTrue();
        }
        return metrics.stream().map(metric -> (String) metric.get("Name")).collect(Collectors.toSet());
    }

    @Test
    void a_paid_order_is_one_line_per_request_and_the_payment_results_line_carries_the_http_requests_correlation_id() {
        String product = Api.stock(5);
        String correlationId = "it-" + UUID.randomUUID();
        String order = checkedOut(product, 2, correlationId);
        Api.Response paid = shopper(correlationId).post("/v2/orders/" + order + "/payments", payBody("tok_visa"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
        assertThat(paid.header("X-Correlation-Id")).contains(correlationId);
        String paymentId = (String) paid.data().get("payment_id");
        awaitOrder(order, is("complete", "paid"), SETTLE);

        List<Map<String, Object>> lines = LogLines.CAPTURED.await(correlated(correlationId).and(line -> line.containsKey("outcome")), 4, SETTLE);
        assertThat(lines).as("add to cart, check out, pay, the payment result: one line each").hasSize(4);
        assertThat(LogLines.CAPTURED.matching(correlated(correlationId))).as("and nothing else under that id").hasSize(4);
        for (Map<String, Object> line : lines) {
            assertThat((String) line.get("timestamp")).matches(TIMESTAMP);
            assertThat(line).containsEntry("level", "INFO");
            assertThat(number(line.get("latency_ms"))).isBetween(0L, 10_000L);
        }
        assertThat(lines.get(0)).containsEntry("function", "CartsApiFunction").containsEntry("route", "POST /v2/carts/{cart_ref}/items")
                .containsEntry("outcome", "201").containsEntry("status", 201L).doesNotContainKey("_aws");
        assertThat(lines.get(1)).containsEntry("function", "CartsApiFunction").containsEntry("route", "POST /v2/carts/{cart_ref}/checkout")
                .containsEntry("order_id", order).containsEntry("status", 201L);
        Map<String, Object> pay = lines.get(2);
        assertThat(pay).containsEntry("function", "OrdersApiFunction").containsEntry("route", "POST /v2/orders/{order_id}/payments")
                .containsEntry("order_id", order).containsEntry("payment_id", paymentId).containsEntry("status", 202L)
                .containsEntry("Allocations", 1L);
        assertThat(declaredMetrics(pay)).containsExactly("Allocations");
        Map<String, Object> result = lines.get(3);
        assertThat(result).containsEntry("function", "PaymentResultsFunction").containsEntry("order_id", order)
                .containsEntry("payment_id", paymentId).containsEntry("outcome", "applied").containsKey("message_id")
                .doesNotContainKey("route").doesNotContainKey("_aws");
    }

    @Test
    void a_declined_payment_counts_a_release_on_the_results_line_and_paying_for_stock_gone_counts_a_refusal() {
        String product = Api.stock(1);
        String first = "it-" + UUID.randomUUID();
        String second = "it-" + UUID.randomUUID();
        String declined = checkedOut(product, 1, first);
        String other = checkedOut(product, 1, second);
        String third = "it-" + UUID.randomUUID();
        String lateCart = Api.uniqueId("cart");
        assertThat(shopper(third).post("/v2/carts/" + lateCart + "/items",
                "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":1}}").status()).isEqualTo(201);

        assertThat(shopper(first).post("/v2/orders/" + declined + "/payments", payBody("tok_decline")).status()).isEqualTo(202);
        awaitOrder(declined, is("incomplete", "unpaid"), SETTLE);
        Map<String, Object> release = LogLines.CAPTURED.await(correlated(first).and(line -> "PaymentResultsFunction".equals(line.get("function"))),
                1, SETTLE).get(0);
        assertThat(release).containsEntry("order_id", declined).containsEntry("outcome", "applied").containsEntry("Releases", 1L);
        assertThat(declaredMetrics(release)).containsExactly("Releases");

        assertThat(shopper(second).post("/v2/orders/" + other + "/payments", payBody("tok_silent")).status()).isEqualTo(202);
        Api.Response refused = shopper(first).post("/v2/orders/" + declined + "/payments", payBody("tok_visa"));
        assertThat(refused.status()).isEqualTo(400);
        List<Map<String, Object>> payLines = LogLines.CAPTURED.matching(correlated(first)
                .and(line -> "POST /v2/orders/{order_id}/payments".equals(line.get("route"))));
        assertThat(payLines).hasSize(2);
        assertThat(payLines.get(0)).containsEntry("status", 202L).containsEntry("Allocations", 1L);
        assertThat(payLines.get(1)).containsEntry("status", 400L).containsEntry("order_id", declined)
                .containsEntry("InsufficientStockRefusals", 1L).doesNotContainKey("Allocations");
        assertThat(declaredMetrics(payLines.get(1))).containsExactly("InsufficientStockRefusals");

        Api.Response checkoutRefused = shopper(third).post("/v2/carts/" + lateCart + "/checkout",
                "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},\"shipping_address\":{\"city\":\"Oslo\"},"
                        + "\"billing_address\":{\"city\":\"Oslo\"}}}");
        assertThat(checkoutRefused.status()).isEqualTo(400);
        List<Map<String, Object>> checkoutLines = LogLines.CAPTURED.matching(correlated(third)
                .and(line -> "POST /v2/carts/{cart_ref}/checkout".equals(line.get("route"))));
        assertThat(checkoutLines).hasSize(1);
        assertThat(checkoutLines.get(0)).containsEntry("status", 400L).containsEntry("InsufficientStockRefusals", 1L)
                .doesNotContainKey("order_id");
    }

    @Test
    void a_cancellation_counts_a_release_and_a_success_the_cancelled_order_cannot_keep_counts_a_refund() {
        String product = Api.stock(2);
        String correlationId = "it-" + UUID.randomUUID();
        String order = checkedOut(product, 1, correlationId);
        Api.Response paid = shopper(correlationId).post("/v2/orders/" + order + "/payments", payBody("tok_silent"));
        assertThat(paid.status()).isEqualTo(202);
        String paymentId = (String) paid.data().get("payment_id");

        Api.Response cancelled = shopper(correlationId).method("PUT", "/v2/orders/" + order,
                "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        List<Map<String, Object>> cancelLines = LogLines.CAPTURED.matching(correlated(correlationId)
                .and(line -> "PUT /v2/orders/{order_id}".equals(line.get("route"))));
        assertThat(cancelLines).hasSize(1);
        assertThat(cancelLines.get(0)).containsEntry("order_id", order).containsEntry("status", 200L).containsEntry("Releases", 1L);

        PaymentResultsIT.sendResult(order, paymentId, "succeeded");
        Map<String, Object> refunded = LogLines.CAPTURED.await(line -> "PaymentResultsFunction".equals(line.get("function"))
                && paymentId.equals(line.get("payment_id")) && line.containsKey("outcome"), 1, SETTLE).get(0);
        assertThat(refunded).containsEntry("order_id", order).containsEntry("outcome", "applied").containsEntry("Refunds", 1L)
                .doesNotContainKey("Allocations");
        assertThat(declaredMetrics(refunded)).containsExactly("Refunds");
        LateChargesIT.awaitRefunded(paymentId);
        assertThat(LogLines.CAPTURED.matching(line -> paymentId.equals(line.get("payment_id")) && "WARN".equals(line.get("level"))))
                .as("the refund is also said in words").singleElement().satisfies(line -> assertThat((String) line.get("message")).contains("refunding"));
    }

    @Test
    void an_overdue_payment_is_counted_as_a_timeout_and_a_release_on_the_sweeps_line() {
        String product = Api.stock(3);
        String correlationId = "it-" + UUID.randomUUID();
        String order = checkedOut(product, 1, correlationId);
        assertThat(shopper(correlationId).post("/v2/orders/" + order + "/payments", payBody("tok_silent")).status()).isEqualTo(202);

        awaitOrder(order, is("incomplete", "unpaid"), Duration.ofSeconds(Stack.PAYMENT_TIMEOUT_SECONDS + 10));
        Map<String, Object> sweep = LogLines.CAPTURED.await(line -> "PaymentTimeoutsFunction".equals(line.get("function"))
                && line.containsKey("PaymentTimeouts"), 1, SETTLE).get(0);
        assertThat(number(sweep.get("PaymentTimeouts"))).isPositive();
        assertThat(number(sweep.get("Releases"))).isEqualTo(number(sweep.get("PaymentTimeouts")));
        assertThat(sweep).containsEntry("outcome", "processed").doesNotContainKey("order_id");
        assertThat(declaredMetrics(sweep)).containsExactlyInAnyOrder("PaymentTimeouts", "Releases");
    }

    @Test
    void a_stream_batch_is_one_line_by_its_sequence_numbers_with_the_history_lag_of_each_record() {
        String product = Api.stock(4);
        assertThat(Api.move(product, "allocate", 1).status()).isEqualTo(200);
        History.await(product, 2);

        List<Map<String, Object>> batches = LogLines.CAPTURED.await(line -> "StockHistoryFunction".equals(line.get("function"))
                && line.containsKey("first_sequence_number"), 1, SETTLE);
        for (Map<String, Object> batch : batches) {
            BigInteger first = new BigInteger((String) batch.get("first_sequence_number"));
            BigInteger last = new BigInteger((String) batch.get("last_sequence_number"));
            assertThat(first).isLessThanOrEqualTo(last);
            assertThat(batch).containsKey("correlation_id").containsKey("latency_ms").doesNotContainKey("route");
            assertThat((String) batch.get("timestamp")).matches(TIMESTAMP);
        }
        List<Map<String, Object>> written = batches.stream().filter(batch -> "processed".equals(batch.get("outcome"))
                && batch.containsKey("HistoryLag")).toList();
        assertThat(written).isNotEmpty();
        for (Map<String, Object> batch : written) {
            assertThat(declaredMetrics(batch)).containsExactly("HistoryLag");
            Object lag = batch.get("HistoryLag");
            List<?> lags = lag instanceof List<?> list ? list : List.of(lag);
            assertThat(lags).allSatisfy(value -> assertThat(number(value)).isBetween(0L, 60_000L));
        }
    }
}
