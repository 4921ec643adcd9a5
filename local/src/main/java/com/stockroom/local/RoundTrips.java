package com.stockroom.local;

import com.stockroom.platform.CallCounts;
import com.stockroom.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls each operation costs, counted by the interceptor the local stack puts on every
 * function's SDK clients ({@link CallCounts}), one operation at a time: paying, shipping,
 * cancelling, adding to a cart, checking out, an admin stock transaction, and a stream batch of
 * {@value #BATCH} changes written to the history. {@code RoundTripsIT} asserts the same counts.
 */
final class RoundTrips {

    static final int BATCH = 60;

    /** One operation: what it is, the function that serves it, what it called, and the target it must meet. */
    record Row(String operation, Map<String, Long> calls, String target, boolean met) {
    }

    record Result(List<Row> rows) {

        String table() {
            StringBuilder out = new StringBuilder();
            out.append("Round trips: the calls each operation made, counted by an SDK interceptor on the function's clients\n\n");
            out.append("| operation | calls | target |\n|---|---|---|\n");
            for (Row row : rows) {
                List<String> calls = new ArrayList<>();
                row.calls().forEach((call, count) -> calls.add(count == 1 ? call : call + " ×" + count));
                out.append("| ").append(row.operation()).append(" | ").append(String.join(" + ", calls)).append(" | ")
                        .append(row.target()).append(" |\n");
            }
            out.append('\n');
            List<String> missed = rows.stream().filter(r -> !r.met()).map(Row::operation).toList();
            out.append(missed.isEmpty() ? "MET      " : "NOT MET  ").append("round trips: every operation within its target")
                    .append(missed.isEmpty() ? "" : ": not " + String.join(", ", missed)).append('\n');
            return out.toString();
        }
    }

    private RoundTrips() {
    }

    /** {@code shop} makes the products, carts and orders; the operations run through the stack's gateway and functions. */
    static Result measure(LocalStack stack, Benchmark shop, Path projectRoot) throws Exception {
        List<Row> rows = new ArrayList<>();
        String product = shop.product(100);

        String paid = shop.order(product);
        Map<String, Long> pay = calls("OrdersApiFunction", () -> shop.pay(paid, PaymentGatewaySimulator.SILENT));
        rows.add(new Row("pay", pay, "one TransactWriteItems", count(pay, "DynamoDb.TransactWriteItems") == 1 && writes(pay) == 1));

        String shipped = shop.order(product);
        shop.pay(shipped, "tok_visa");
        shop.awaitPaid(shipped);
        Map<String, Long> ship = calls("OrdersApiFunction", () -> shop.ship(shipped));
        rows.add(new Row("ship", ship, "one TransactWriteItems", count(ship, "DynamoDb.TransactWriteItems") == 1 && writes(ship) == 1));

        String cancelled = shop.order(product);
        shop.pay(cancelled, PaymentGatewaySimulator.SILENT);
        Map<String, Long> cancel = calls("OrdersApiFunction", () -> shop.cancel(cancelled));
        rows.add(new Row("cancel", cancel, "one TransactWriteItems",
                count(cancel, "DynamoDb.TransactWriteItems") == 1 && writes(cancel) == 1));

        String cart = Benchmark.unique("bench-cart");
        Map<String, Long> add = calls("CartsApiFunction", () -> shop.add(cart, product));
        rows.add(new Row("add to cart", add, "at most 2 DynamoDB calls", dynamoDb(add) <= 2));
        Map<String, Long> checkout = calls("CartsApiFunction", () -> shop.checkout(cart));
        rows.add(new Row("checkout", checkout, "at most 2 DynamoDB calls", dynamoDb(checkout) <= 2));

        Map<String, Long> move = calls("InventoryApiFunction", () -> shop.move(product));
        rows.add(new Row("admin stock transaction", move, "one call", dynamoDb(move) == 1));

        // The stream's own deliveries of the changes above must be done first: they count under the same function.
        quiet("StockHistoryFunction");
        String batch = streamBatch(Files.readString(projectRoot.resolve("events/stock-history/stock-changes.json")), BATCH);
        Map<String, Long> history = calls("StockHistoryFunction", () -> stack.function("StockHistoryFunction").invoke(batch));
        long most = (BATCH + 24) / 25;
        // Each change of the sample (a creation) raises one event, stock-transaction.created: PutEvents takes 10.
        long puts = (BATCH + 9) / 10;
        rows.add(new Row("stream batch of " + BATCH + " changes", history,
                "at most " + most + " BatchWriteItem and " + puts + " PutEvents, no other call",
                count(history, "DynamoDb.BatchWriteItem") <= most && count(history, "EventBridge.PutEvents") == puts
                        && history.values().stream().mapToLong(Long::longValue).sum()
                        == count(history, "DynamoDb.BatchWriteItem") + count(history, "EventBridge.PutEvents")));
        return new Result(rows);
    }

    /** The calls {@code function} made while {@code operation} ran (alone). */
    private static Map<String, Long> calls(String function, Operation operation) throws Exception {
        CallCounts.reset();
        operation.run();
        Map<String, Long> calls = new TreeMap<>();
        CallCounts.snapshot().forEach((key, count) -> {
            if (key.startsWith(function + " ")) {
                calls.put(key.substring(function.length() + 1), count);
            }
        });
        return calls;
    }

    /** Waits (up to 20 s) until {@code function} has made no call for 1.5 s. */
    private static void quiet(String function) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long total = CallCounts.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(function + " "))
                    .mapToLong(Map.Entry::getValue).sum();
            if (total != last) {
                last = total;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > 1_500_000_000L) {
                return;
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    private static long count(Map<String, Long> calls, String call) {
        return calls.getOrDefault(call, 0L);
    }

    private static long dynamoDb(Map<String, Long> calls) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith("DynamoDb.")).mapToLong(Map.Entry::getValue).sum();
    }

    private static long writes(Map<String, Long> calls) {
        return calls.entrySet().stream().filter(e -> e.getKey().matches("DynamoDb\\.(TransactWriteItems|PutItem|UpdateItem|DeleteItem|BatchWriteItem)"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The sample stream batch's first record, {@code n} times over, each for a product and sequence number of its own. */
    @SuppressWarnings("unchecked")
    static String streamBatch(String sample, int n) throws Json.Malformed {
        Map<String, Object> event = (Map<String, Object>) Json.parse(sample);
        String record = Json.write(((List<Object>) event.get("Records")).get(0));
        Map<String, Object> first = (Map<String, Object>) Json.parse(record);
        String product = (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) first.get("dynamodb"))
                .get("Keys")).get("product_id")).get("S");
        String sequence = (String) ((Map<String, Object>) first.get("dynamodb")).get("SequenceNumber");
        String tag = Benchmark.unique("rt");
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Json.parse(record.replace(product, tag + "-" + i)
                    .replace(sequence, sequence + String.format(Locale.ROOT, "%04d", i))));
        }
        return Json.write(Json.object("Records", records));
    }
}
