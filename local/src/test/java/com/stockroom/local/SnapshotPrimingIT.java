package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockroom.functions.carts.CartsApiHandler;
import com.stockroom.functions.history.StockHistoryHandler;
import com.stockroom.functions.inventory.InventoryApiHandler;
import com.stockroom.functions.orders.OrdersApiHandler;
import com.stockroom.functions.payments.PaymentResultsHandler;
import com.stockroom.platform.CallCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What each function does just before a SnapStart snapshot, run against the tests' stack as the
 * runtime would run it: its priming reaches the database through the whole path (the HTTP
 * functions and the payment results read something that does not exist), writes nothing, and
 * leaves no trace a customer could see.
 */
@ExtendWith(Stack.class)
class SnapshotPrimingIT {

    private static final List<String> WRITES = List.of("DynamoDb.PutItem", "DynamoDb.UpdateItem", "DynamoDb.DeleteItem",
            "DynamoDb.TransactWriteItems", "DynamoDb.BatchWriteItem", "Sqs.SendMessage", "EventBridge.PutEvents");

    /** The calls the function's priming made, by operation. */
    private static Map<String, Long> primingCalls(String logicalId, Function<Map<String, String>, RequestStreamHandler> handler) {
        Map<String, String> environment = new HashMap<>(Stack.get().function(logicalId).environment());
        String name = "Priming" + logicalId;
        environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
        environment.put("STOCKROOM_COUNT_CALLS", "true");
        Resource built = (Resource) handler.apply(environment);
        CallCounts.reset();
        try {
            built.beforeCheckpoint(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        // Priming runs as an invocation whose lines are built, not written: none reaches the log.
        assertThat(LogLines.CAPTURED.matching(line -> name.equals(line.get("function")))).as("lines written by %s's priming", logicalId).isEmpty();
        Map<String, Long> calls = new HashMap<>();
        CallCounts.snapshot().forEach((key, count) -> {
            if (key.startsWith(name + " ")) {
                calls.put(key.substring(name.length() + 1), count);
            }
        });
        return calls;
    }

    @Test
    void the_http_functions_prime_with_one_read_and_no_write() {
        assertThat(primingCalls("InventoryApiFunction", InventoryApiHandler::new)).isEqualTo(Map.of("DynamoDb.GetItem", 1L));
        assertThat(primingCalls("CartsApiFunction", CartsApiHandler::new)).isEqualTo(Map.of("DynamoDb.GetItem", 1L));
        assertThat(primingCalls("OrdersApiFunction", OrdersApiHandler::new)).isEqualTo(Map.of("DynamoDb.GetItem", 1L));
    }

    @Test
    void the_payment_results_function_primes_with_a_result_for_no_order_which_changes_nothing() {
        Map<String, Long> calls = primingCalls("PaymentResultsFunction", PaymentResultsHandler::new);

        assertThat(calls).containsKey("DynamoDb.GetItem");
        assertThat(calls.keySet()).doesNotContainAnyElementsOf(WRITES);
    }

    /**
     * The SQS client is not built at init (a GET order, a payment result that is not a refund,
     * sends nothing), but before the snapshot, so that a restored function's first send does not
     * build it either.
     */
    @Test
    void the_queue_clients_are_built_by_priming_not_at_init() throws Exception {
        Map<String, Function<Map<String, String>, RequestStreamHandler>> functions = Map.of(
                "OrdersApiFunction", OrdersApiHandler::new, "PaymentResultsFunction", PaymentResultsHandler::new);
        for (Map.Entry<String, Function<Map<String, String>, RequestStreamHandler>> function : functions.entrySet()) {
            Map<String, String> environment = new HashMap<>(Stack.get().function(function.getKey()).environment());
            String name = "Lazy" + function.getKey();
            environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
            environment.put("STOCKROOM_COUNT_CALLS", "true");
            Resource built = (Resource) function.getValue().apply(environment);
            assertThat(CallCounts.clientsBuilt(name)).as("%s's clients after init", function.getKey()).containsExactly("DYNAMODB");
            built.beforeCheckpoint(null);
            assertThat(CallCounts.clientsBuilt(name)).as("%s's clients after priming", function.getKey()).containsExactly("DYNAMODB", "SQS");
        }
    }

    @Test
    void the_stock_history_function_primes_without_writing_to_the_log() {
        assertThat(primingCalls("StockHistoryFunction", StockHistoryHandler::new).keySet()).doesNotContainAnyElementsOf(WRITES);
    }
}
