package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.Shop.awaitOrder;
import static com.stockroom.local.Shop.is;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Payment results arrive at least once and in any order, over the real payment-results queue:
 * a duplicated, late, stale, contradicting or stray result changes nothing, and a malformed one
 * is set aside without wedging the queue.
 */
@ExtendWith(Stack.class)
class PaymentResultsIT {

    private static final Duration SETTLE = Duration.ofSeconds(5);

    @Test
    void a_duplicated_success_and_a_late_contradicting_failure_change_nothing_once_paid() {
        String product = stock(5);
        String order = Shop.order(product, 2);
        String paymentId = (String) Shop.pay(order, "tok_visa").data().get("payment_id");
        awaitOrder(order, is("complete", "paid"), SETTLE);

        sendResult(order, paymentId, "succeeded");
        sendResult(order, paymentId, "failed");
        sendResult(order, paymentId, "succeeded");
        awaitResultsDrained();

        assertThat(Shop.order(order)).containsEntry("status", "complete").containsEntry("payment", "paid");
        assertThat(levels(product)).containsExactly(5, 3, 2);
    }

    @Test
    void a_duplicated_failure_releases_the_stock_once() {
        String product = stock(5);
        String order = Shop.order(product, 2);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        sendResult(order, paymentId, "failed");
        sendResult(order, paymentId, "failed");
        awaitOrder(order, is("incomplete", "unpaid"), SETTLE);
        awaitResultsDrained();
        assertThat(levels(product)).containsExactly(5, 5, 0);
        assertThat(History.await(product, 3)).extracting(e -> e.get("action"))
                .containsExactly("deallocate", "allocate", "increment");
    }

    @Test
    void an_earlier_attempts_late_success_pays_the_order_and_the_newer_attempts_success_is_refunded() {
        String product = stock(5);
        String order = Shop.order(product, 1);
        String first = (String) Shop.pay(order, "tok_decline").data().get("payment_id");
        awaitOrder(order, is("incomplete", "unpaid"), SETTLE);
        String second = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        assertThat(second).isNotEqualTo(first);

        // The declined attempt succeeded after all (a gateway can change its mind): the order is paid by it.
        sendResult(order, first, "succeeded");
        awaitOrder(order, is("complete", "paid"), SETTLE);
        sendResult(order, first, "failed");
        awaitResultsDrained();
        assertThat(Shop.order(order)).containsEntry("payment_id", first).containsEntry("payment", "paid");
        assertThat(levels(product)).as("its lines were allocated for the newer attempt already").containsExactly(5, 4, 1);

        // The newer attempt succeeds too: the customer paid twice, and the second charge is given back.
        sendResult(order, second, "succeeded");
        awaitResultsDrained();
        assertThat(Shop.order(order)).containsEntry("payment", "paid").containsEntry("refunded_payment_ids", List.of(second));
        LateChargesIT.awaitRefunded(second);
        assertThat(levels(product)).containsExactly(5, 4, 1);
    }

    @Test
    void stray_and_malformed_results_never_wedge_the_queue_and_malformed_ones_are_set_aside() throws Exception {
        String product = stock(5);
        String order = Shop.order(product, 1);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        String marker = Api.uniqueId("malformed");

        sendResult(Api.uniqueId("no-such-order"), "01ARZ3NDEKTSV4RRFFQ69G5FAV", "succeeded");
        send("{\"order_id\":\"" + marker + "\"}");
        send("not json " + marker);
        send("{\"order_id\":\"" + order + "\",\"payment_id\":\"" + paymentId + "\",\"status\":\"maybe\"}");
        sendResult(order, paymentId, "succeeded");

        awaitOrder(order, is("complete", "paid"), SETTLE);
        List<String> setAside = drain(Stack.get().queues().get("PaymentResultsDeadLetters"), 3);
        assertThat(setAside).anyMatch(body -> body.contains(marker) && body.startsWith("{"));
        assertThat(setAside).anyMatch(body -> body.equals("not json " + marker));
        assertThat(setAside).anyMatch(body -> body.contains("maybe"));
    }

    @Test
    void a_result_that_cannot_be_applied_now_is_reported_as_a_batch_item_failure_and_the_rest_are_done() throws Exception {
        String product = stock(5);
        String order = Shop.order(product, 1);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        String event = Json.write(Json.object("Records", List.of(
                sqsRecord("m-1", result(order, paymentId, "succeeded")),
                sqsRecord("m-2", "{\"order_id\":\"x\"}"))));

        // The same function, its database out of reach: the well-formed result fails and is kept for a retry.
        Map<String, String> environment = new HashMap<>(functionEnvironment());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9");
        java.io.ByteArrayOutputStream unreachable = new java.io.ByteArrayOutputStream();
        new com.stockroom.functions.payments.PaymentResultsHandler(environment).handleRequest(
                new java.io.ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)), unreachable, null);
        assertThat((List<Object>) ((Map<?, ?>) Json.parse(unreachable.toString(java.nio.charset.StandardCharsets.UTF_8))).get("batchItemFailures"))
                .containsExactly((Object) Map.of("itemIdentifier", "m-1"));

        Map<?, ?> answer = (Map<?, ?>) Json.parse(Stack.get().invoke("PaymentResultsFunction", event));
        assertThat((List<?>) answer.get("batchItemFailures")).isEmpty();
        assertThat(Shop.order(order)).containsEntry("status", "complete");
    }

    static Map<String, String> functionEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", Stack.get().dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", Stack.get().sqsEndpoint().toString());
        env.put("STOCK_TABLE", Stack.get().tables().get("StockTable"));
        env.put("STOCK_HISTORY_TABLE", Stack.get().tables().get("StockHistoryTable"));
        env.put("ORDERS_TABLE", Stack.get().tables().get("OrdersTable"));
        env.put("CARTS_TABLE", Stack.get().tables().get("CartsTable"));
        env.put("PAYMENT_TIMEOUT_SECONDS", Integer.toString(Stack.PAYMENT_TIMEOUT_SECONDS));
        env.put("PAYMENT_RESULTS_DLQ_URL", Stack.get().queues().get("PaymentResultsDeadLetters"));
        env.put("PAYMENT_REQUESTS_QUEUE_URL", Stack.get().queues().get("PaymentRequests"));
        return env;
    }

    private static Map<String, Object> sqsRecord(String id, String body) {
        return Json.object("messageId", id, "receiptHandle", "rh-" + id, "body", body, "attributes", Map.of("ApproximateReceiveCount", "1"),
                "messageAttributes", Map.of(), "md5OfBody", "0", "eventSource", "aws:sqs",
                "eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:PaymentResults", "awsRegion", "us-east-1");
    }

    static String result(String order, String paymentId, String status) {
        return "{\"order_id\":\"" + order + "\",\"payment_id\":\"" + paymentId + "\",\"status\":\"" + status + "\"}";
    }

    static void sendResult(String order, String paymentId, String status) {
        send(result(order, paymentId, status));
    }

    static void send(String body) {
        try (SqsClient sqs = Stack.get().sqsClient()) {
            sqs.sendMessage(m -> m.queueUrl(Stack.get().queues().get("PaymentResults")).messageBody(body));
        }
    }

    /** Waits until the results queue holds nothing, visible or in flight. */
    static void awaitResultsDrained() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        try (SqsClient sqs = Stack.get().sqsClient()) {
            while (System.nanoTime() < deadline) {
                Map<String, String> attributes = sqs.getQueueAttributes(g -> g.queueUrl(Stack.get().queues().get("PaymentResults"))
                        .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                        .attributesAsStrings();
                if ("0".equals(attributes.get("ApproximateNumberOfMessages")) && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"))) {
                    History.sleep(300);
                    return;
                }
                History.sleep(100);
            }
        }
        throw new AssertionError("the payment results queue did not drain within " + SETTLE);
    }

    private static List<String> drain(String queueUrl, int atLeast) {
        List<String> bodies = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        try (SqsClient sqs = Stack.get().sqsClient()) {
            while (bodies.size() < atLeast && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    bodies.add(m.body());
                    sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return bodies;
    }
}
