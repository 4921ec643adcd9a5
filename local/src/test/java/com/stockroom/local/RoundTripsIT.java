package com.stockroom.local;

import static com.stockroom.local.Api.move;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.functions.history.StockHistoryHandler;
import com.stockroom.platform.CallCounts;
import com.stockroom.web.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What each operation costs in round trips to DynamoDB and SQS, counted by the SDK interceptor
 * the local stack puts on every function's clients: a regression that adds a call fails here.
 * Each operation runs alone, so its function's counts are its own.
 */
@ExtendWith(Stack.class)
class RoundTripsIT {

    /** The calls one function made while {@code operation} ran. */
    private static Map<String, Long> callsOf(String function, Supplier<Api.Response> operation, int expectedStatus) {
        CallCounts.reset();
        Api.Response answer = operation.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(expectedStatus);
        Map<String, Long> calls = new HashMap<>();
        CallCounts.snapshot().forEach((key, count) -> {
            if (key.startsWith(function + " ")) {
                calls.put(key.substring(function.length() + 1), count);
            }
        });
        return calls;
    }

    @Test
    void paying_is_one_read_one_transaction_and_one_payment_request() {
        String order = Shop.order(stock(5), 2);

        Map<String, Long> calls = callsOf("OrdersApiFunction", () -> Shop.pay(order, "tok_silent"), 202);

        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DynamoDb.GetItem", 1L, "DynamoDb.TransactWriteItems", 1L, "Sqs.SendMessage", 1L));
    }

    @Test
    void shipping_and_cancelling_are_one_read_and_one_transaction_each() {
        String shipped = Shop.order(stock(5), 1);
        Shop.pay(shipped, "tok_visa");
        Shop.awaitOrder(shipped, Shop.is("complete", "paid"), Duration.ofSeconds(10));
        String cancelled = Shop.order(stock(5), 1);
        Shop.pay(cancelled, "tok_silent");

        assertThat(callsOf("OrdersApiFunction", () -> Shop.ship(shipped), 200))
                .containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.GetItem", 1L, "DynamoDb.TransactWriteItems", 1L));
        assertThat(callsOf("OrdersApiFunction", () -> Shop.cancel(cancelled), 200))
                .containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.GetItem", 1L, "DynamoDb.TransactWriteItems", 1L));
    }

    @Test
    void adding_to_a_cart_and_checking_out_are_at_most_two_calls_each() {
        String product = stock(5);
        String cart = Api.uniqueId("cart");

        Map<String, Long> add = callsOf("CartsApiFunction", () -> Shop.add(cart, product, 1), 201);
        Map<String, Long> checkout = callsOf("CartsApiFunction", () -> Shop.checkout(cart), 201);

        assertThat(add).containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.GetItem", 1L, "DynamoDb.TransactWriteItems", 1L));
        assertThat(checkout).containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.GetItem", 1L, "DynamoDb.TransactWriteItems", 1L));
    }

    @Test
    void an_admin_stock_transaction_is_one_call() {
        String product = stock(5);

        assertThat(callsOf("InventoryApiFunction", () -> move(product, "allocate", 1), 200))
                .containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.TransactWriteItems", 1L));
    }

    /**
     * A stream batch costs one conditional put per record: each entry is written only if it is
     * new, which a batch write cannot make conditional. Said here so a change to it is seen.
     * Then its events: one stock-transaction.created per change (no threshold, no stock out),
     * one PutEvents per 10.
     */
    @Test
    void a_stream_batch_of_n_changes_is_one_batch_write_to_the_history_per_25_and_one_put_events_per_10_events() throws Exception {
        String product = stock(8);
        move(product, "allocate", 2);
        move(product, "increment", 1);
        move(product, "decrement", 1);
        History.await(product, 4);
        java.util.List<Record> records = StockHistoryIT.streamRecordsOf(product);
        Map<String, String> environment = new HashMap<>(Stack.get().function("StockHistoryFunction").environment());
        environment.put("STOCKROOM_COUNT_CALLS", "true");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "RoundTripsStockHistory");
        StockHistoryHandler handler = new StockHistoryHandler(environment);
        byte[] event = Json.write(StreamPoller.event(StockHistoryIT.streamArn(), records)).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        CallCounts.reset();
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event), answer, null);
        assertThat(Json.parse(answer.toString(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(Map.of("batchItemFailures", java.util.List.of()));

        Map<String, Long> calls = new HashMap<>();
        CallCounts.snapshot().forEach((key, count) -> {
            if (key.startsWith("RoundTripsStockHistory ")) {
                calls.put(key.substring("RoundTripsStockHistory ".length()), count);
            }
        });
        assertThat(records).hasSize(4);
        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.BatchWriteItem", 1L, "EventBridge.PutEvents", 1L));
    }

    /** The benchmark's row, checked here too: the sample batch of 60 creations, ceil(60/25) history writes and ceil(60/10) PutEvents. */
    @Test
    void the_benchmarks_stream_batch_of_60_is_at_most_3_batch_writes_and_6_put_events() throws Exception {
        String batch = RoundTrips.streamBatch(java.nio.file.Files.readString(java.nio.file.Path.of("../events/stock-history/stock-changes.json")), 60);
        Map<String, String> environment = new HashMap<>(Stack.get().function("StockHistoryFunction").environment());
        environment.put("STOCKROOM_COUNT_CALLS", "true");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "RoundTripsStockHistory60");
        StockHistoryHandler handler = new StockHistoryHandler(environment);

        CallCounts.reset();
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(batch.getBytes(java.nio.charset.StandardCharsets.UTF_8)), answer, null);
        assertThat(Json.parse(answer.toString(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(Map.of("batchItemFailures", java.util.List.of()));

        Map<String, Long> calls = new HashMap<>();
        CallCounts.snapshot().forEach((key, count) -> {
            if (key.startsWith("RoundTripsStockHistory60 ")) {
                calls.put(key.substring("RoundTripsStockHistory60 ".length()), count);
            }
        });
        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("DynamoDb.BatchWriteItem", 3L, "EventBridge.PutEvents", 6L));
    }
}
