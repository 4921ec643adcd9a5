package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Malformed payment results and stock stream records, generated: a payment result goes to the
 * results dead-letter queue with its reason and changes no order and no stock; a stream record
 * is reported as a batch item failure, reaches the on-failure destination after the retries, and
 * writes no history entry.
 */
@ExtendWith(Stack.class)
class PoisonMessagesIT {

    private static final String SOME_TRANSACTION = "01KBE3Z5N2X0AY6W3R0M5T9H7A";

    // --- payment results

    /** Results that are wrong in one way each, for an order that is waiting for its result: any of them applied would settle it. */
    private static List<String> malformedResults(String order, String paymentId) {
        String valid = PaymentResultsIT.result(order, paymentId, "succeeded");
        String members = valid.substring(1, valid.length() - 1);
        List<String> bodies = new ArrayList<>(List.of(
                "not json", "{", valid.substring(0, valid.length() - 1), valid + "{}", valid + valid, "{'order_id':'" + order + "'}",
                "42", "null", "true", "\"succeeded\"", "[]", "[" + valid + "]", "{}",
                "{" + members + "," + members + "}",
                "{\"order_id\":\"" + order + "\",\"payment_id\":\"" + paymentId + "\",\"status\":\"succeeded\",\"status\":\"failed\"}",
                "{" + members + ",\"amount\":1e999999999999}",
                "{" + members + ",\"amount\":" + "9".repeat(400) + "}",
                "{" + members + ",\"note\":\"\\ud800\"}",
                "{" + members + ",\"nested\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "\ufeff" + valid));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("order_id", List.of("5", "null", "{}", "[\"" + order + "\"]", "true", "\"\"", "\"a b\"", "\"../x\"", "\"" + "o".repeat(65) + "\"",
                "\"" + "o".repeat(10_000) + "\"", "\"" + order + "\\u0000\"", "\"caf\u00e9\"", "\"\\ud800\""));
        fields.put("payment_id", List.of("5", "null", "{}", "\"\"", "\"p q\"", "\"" + "p".repeat(65) + "\"", "\"" + "p".repeat(100_000) + "\""));
        fields.put("status", List.of("\"maybe\"", "\"SUCCEEDED\"", "\"success\"", "\"succeeded \"", "\"\"", "1", "true", "null", "[\"succeeded\"]",
                "\"succeeded\\ud800\""));
        fields.forEach((field, values) -> {
            bodies.add(valid.replaceFirst("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}"));
            for (String value : values) {
                bodies.add(valid.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value)));
            }
        });
        return bodies;
    }

    @Test
    void every_malformed_payment_result_goes_to_the_dead_letter_queue_with_its_reason_and_changes_nothing() throws Exception {
        String product = Api.stock(5);
        String order = Shop.order(product, 1);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        List<String> bodies = malformedResults(order, paymentId);
        assertThat(bodies).hasSizeGreaterThan(40).doesNotHaveDuplicates();
        Map<String, AttributeValue> orderBefore = item("OrdersTable", "order_id", order);
        Map<String, AttributeValue> stockBefore = item("StockTable", "product_id", product);

        List<String> notSetAside = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += 10) {
            List<Object> records = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                records.add(sqsRecord("poison-" + i, bodies.get(i)));
            }
            Map<?, ?> answer = (Map<?, ?>) Json.parse(Stack.get().invoke("PaymentResultsFunction", Json.write(Json.object("Records", records))));
            for (Object failure : (List<?>) answer.get("batchItemFailures")) {
                notSetAside.add(String.valueOf(((Map<?, ?>) failure).get("itemIdentifier")));
            }
        }

        // Compared at once: the payment waits only a few seconds for its result in the tests' stack.
        assertThat(item("OrdersTable", "order_id", order)).as("the order").isEqualTo(orderBefore);
        assertThat(item("StockTable", "product_id", product)).as("the stock").isEqualTo(stockBefore);
        assertThat(notSetAside).as("results retried instead of set aside").isEmpty();
        Map<String, String> reasons = deadLetters(bodies);
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        System.out.println("PoisonMessagesIT: " + bodies.size() + " malformed payment results set aside, for instance: "
                + reasons.values().stream().distinct().limit(6).toList());
    }

    private static Map<String, Object> sqsRecord(String id, String body) {
        return Json.object("messageId", id, "receiptHandle", "rh-" + id, "body", body, "attributes", Map.of("ApproximateReceiveCount", "1"),
                "messageAttributes", Map.of(), "md5OfBody", "0", "eventSource", "aws:sqs",
                "eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:PaymentResults", "awsRegion", "us-east-1");
    }

    /** Reads the results dead-letter queue until every body has turned up: each body with its error attribute. Others' messages are left. */
    private static Map<String, String> deadLetters(List<String> expected) {
        Map<String, String> found = new HashMap<>();
        String queue = Stack.get().queues().get("PaymentResultsDeadLetters");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Message> others = new ArrayList<>();
        try (SqsClient sqs = Stack.get().sqsClient()) {
            while (found.size() < expected.size() && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .visibilityTimeout(30).messageAttributeNames("All")).messages()) {
                    if (expected.contains(m.body()) && !found.containsKey(m.body())) {
                        var error = m.messageAttributes().get("error");
                        found.put(m.body(), error == null ? "" : error.stringValue());
                        sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle()));
                    } else {
                        others.add(m);
                    }
                }
            }
            others.forEach(m -> sqs.changeMessageVisibility(c -> c.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0)));
        }
        return found;
    }

    private static Map<String, AttributeValue> item(String table, String key, String id) {
        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            return dynamoDb.getItem(g -> g.tableName(Stack.get().tables().get(table)).consistentRead(true)
                    .key(Map.of(key, AttributeValue.fromS(id)))).item();
        }
    }

    // --- stock stream records

    /** A record as the stock table's stream makes it, each changed in one way by the caller. */
    private static Map<String, Object> streamRecord(String productId, String sequence, Consumer<Map<String, Object>> change) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("product_id", Map.of("S", productId));
        image.put("total", Map.of("N", "5"));
        image.put("available", Map.of("N", "5"));
        image.put("allocated", Map.of("N", "0"));
        image.put("txn_id", Map.of("S", SOME_TRANSACTION));
        image.put("txn_action", Map.of("S", "INCREMENT"));
        image.put("txn_quantity", Map.of("N", "5"));
        image.put("txn_at", Map.of("S", "2026-12-01T10:00:00Z"));
        image.put("txn_subject", Map.of("S", "poison-tester"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ApproximateCreationDateTime", 1764583200L);
        data.put("Keys", new LinkedHashMap<>(Map.of("product_id", Map.of("S", productId))));
        data.put("NewImage", image);
        data.put("SequenceNumber", sequence);
        data.put("SizeBytes", 100L);
        data.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventID", "e" + sequence);
        record.put("eventName", "INSERT");
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "us-east-1");
        record.put("dynamodb", data);
        record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/StockTable/stream/local");
        change.accept(record);
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> record) {
        return (Map<String, Object>) record.get("dynamodb");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> newImage(Map<String, Object> record) {
        return (Map<String, Object>) data(record).get("NewImage");
    }

    private static Map<String, Consumer<Map<String, Object>>> malformedRecords() {
        Map<String, Consumer<Map<String, Object>>> changes = new LinkedHashMap<>();
        changes.put("an INSERT with no new image", r -> data(r).remove("NewImage"));
        changes.put("an INSERT with an empty new image", r -> data(r).put("NewImage", Map.of()));
        changes.put("a MODIFY with no old image", r -> r.put("eventName", "MODIFY"));
        changes.put("a MODIFY with no new image", r -> {
            r.put("eventName", "MODIFY");
            data(r).put("OldImage", data(r).remove("NewImage"));
        });
        changes.put("a REMOVE with no old image", r -> {
            r.put("eventName", "REMOVE");
            data(r).remove("NewImage");
        });
        changes.put("an unknown event name", r -> r.put("eventName", "UPSERT"));
        changes.put("an event name in lower case", r -> r.put("eventName", "insert"));
        changes.put("no event name", r -> r.remove("eventName"));
        changes.put("no keys", r -> data(r).remove("Keys"));
        changes.put("empty keys", r -> data(r).put("Keys", Map.of()));
        changes.put("no view type", r -> data(r).remove("StreamViewType"));
        Map<String, Object> notNumbers = new LinkedHashMap<>();
        notNumbers.put("total", Map.of("N", "abc"));
        notNumbers.put("available", Map.of("N", "1.5"));
        notNumbers.put("allocated", Map.of("N", "1e3"));
        notNumbers.put("txn_quantity", Map.of("N", "99999999999999999999"));
        notNumbers.forEach((name, value) -> changes.put(name + " " + value, r -> newImage(r).put(name, value)));
        changes.put("total as a string", r -> newImage(r).put("total", Map.of("S", "5")));
        changes.put("total as a boolean", r -> newImage(r).put("total", Map.of("BOOL", true)));
        changes.put("total with no type", r -> newImage(r).put("total", Map.of()));
        changes.put("numbers that do not add up", r -> newImage(r).put("total", Map.of("N", "6")));
        changes.put("negative numbers", r -> {
            newImage(r).put("available", Map.of("N", "-1"));
            newImage(r).put("allocated", Map.of("N", "6"));
        });
        changes.put("a zero quantity", r -> newImage(r).put("txn_quantity", Map.of("N", "0")));
        changes.put("an unknown action", r -> newImage(r).put("txn_action", Map.of("S", "STEAL")));
        changes.put("an action in lower case", r -> newImage(r).put("txn_action", Map.of("S", "increment")));
        changes.put("an action that is a number", r -> newImage(r).put("txn_action", Map.of("N", "1")));
        for (String name : List.of("product_id", "txn_action", "txn_quantity", "txn_at", "total")) {
            changes.put("no " + name + " in the image", r -> newImage(r).remove(name));
        }
        changes.put("a product id that is not an id", r -> newImage(r).put("product_id", Map.of("S", "not an id")));
        changes.put("a transaction id that is not one", r -> newImage(r).put("txn_id", Map.of("S", "not-a-ulid")));
        changes.put("a time that is not one", r -> newImage(r).put("txn_at", Map.of("S", "yesterday")));
        return changes;
    }

    @Test
    void every_malformed_stream_record_is_a_batch_item_failure_and_writes_no_history() throws Exception {
        Map<String, Consumer<Map<String, Object>>> changes = malformedRecords();
        List<String> products = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        long sequence = System.currentTimeMillis() * 1000;
        for (Map.Entry<String, Consumer<Map<String, Object>>> change : changes.entrySet()) {
            String product = Api.uniqueId("poison");
            products.add(product);
            String seq = "9" + sequence++;
            String good = Api.uniqueId("fine");
            products.add(good);
            String event = Json.write(Json.object("Records", List.of(
                    streamRecord(product, seq, change.getValue()),
                    streamRecord(good, "9" + sequence++, r -> { }))));
            Map<?, ?> answer = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", event));
            List<Object> failed = new ArrayList<>();
            ((List<?>) answer.get("batchItemFailures")).forEach(f -> failed.add(((Map<?, ?>) f).get("itemIdentifier")));
            if (!failed.equals(List.of(seq))) {
                wrong.add(change.getKey() + ": failures " + failed + " where " + seq + " alone was expected");
            }
        }
        System.out.println("PoisonMessagesIT: " + changes.size() + " malformed stream records, each reported as a batch item failure");

        assertThat(wrong).isEmpty();
        assertThat(products).allSatisfy(product -> assertThat(historyItems(product)).as("history of " + product).isZero());
    }

    @Test
    void a_malformed_change_in_the_stock_table_reaches_the_on_failure_destination_after_the_retries_and_is_not_logged() throws Exception {
        String product = Api.uniqueId("poison-stream");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("product_id", AttributeValue.fromS(product));
        item.put("total", AttributeValue.fromN("5"));
        item.put("available", AttributeValue.fromN("5"));
        item.put("allocated", AttributeValue.fromN("0"));
        item.put("admin_allocated", AttributeValue.fromN("0"));
        item.put("txn_id", AttributeValue.fromS(SOME_TRANSACTION));
        item.put("txn_action", AttributeValue.fromS("STEAL"));
        item.put("txn_quantity", AttributeValue.fromN("5"));
        item.put("txn_at", AttributeValue.fromS("2026-12-01T10:00:00Z"));
        item.put("txn_subject", AttributeValue.fromS("poison-tester"));
        // Written and at once deleted: the stream keeps the malformed change, the table keeps nothing that a scan of all stock would trip on.
        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            dynamoDb.putItem(p -> p.tableName(Stack.get().tables().get("StockTable")).item(item));
            dynamoDb.deleteItem(d -> d.tableName(Stack.get().tables().get("StockTable")).key(Map.of("product_id", AttributeValue.fromS(product))));
        }
        List<Record> inserts = StockHistoryIT.streamRecordsOf(product).stream().filter(r -> r.eventNameAsString().equals("INSERT")).toList();
        assertThat(inserts).hasSize(1);
        String sequence = inserts.get(0).dynamodb().sequenceNumber();

        String queue = Stack.get().queues().get("StockStreamFailures");
        Map<?, ?> report = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        try (SqsClient sqs = Stack.get().sqsClient()) {
            while (report == null && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    Map<?, ?> body = (Map<?, ?>) Json.parse(m.body());
                    Map<?, ?> batch = (Map<?, ?>) body.get("DDBStreamBatchInfo");
                    if (batch != null && sequence.equals(batch.get("startSequenceNumber"))) {
                        report = body;
                        sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle()));
                    } else {
                        sqs.changeMessageVisibility(c -> c.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                    }
                }
            }
        }
        assertThat(report).as("the on-failure destination's report of record " + sequence).isNotNull();
        assertThat(((Map<?, ?>) report.get("requestContext")).get("condition")).isEqualTo("RetryAttemptsExhausted");
        // A change made after it shows up in the log: the stream has moved on past the malformed change and its deletion.
        History.await(Api.stock(1), 1);
        assertThat(historyTransactions(product)).as("history entries of " + product).doesNotContain(SOME_TRANSACTION);
    }

    private static List<String> historyTransactions(String product) {
        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            return dynamoDb.query(q -> q.tableName(Stack.get().tables().get("StockHistoryTable")).consistentRead(true)
                    .keyConditionExpression("product_id = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(product))))
                    .items().stream().map(i -> i.get("txn_id").s()).toList();
        }
    }

    private static int historyItems(String product) {
        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            return dynamoDb.query(q -> q.tableName(Stack.get().tables().get("StockHistoryTable")).consistentRead(true)
                    .keyConditionExpression("product_id = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(product))))
                    .count();
        }
    }
}
