package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.platform.FaultInjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole flow while a tenth of the functions' DynamoDB and SQS calls fail as AWS's can
 * (throttling, conflicting transactions, 500s, answers lost after the write landed): the API
 * answers only 2xx, 4xx, 429 and 503; nothing is oversold, applied twice or half written;
 * nothing stays allocated past the payment timeout; the log holds every change once.
 */
@ExtendWith(Stack.class)
class FaultsIT {

    private static final double FAULT_RATE = 0.10;
    private static final int PRODUCTS = 4;
    private static final int UNITS = 40;
    private static final int BUYERS = 48;
    private static final int ADMIN_MOVES = 16;

    private record Purchase(String product, String order, long quantity) {
    }

    @Test
    void under_a_tenth_of_calls_failing_the_flow_answers_no_500_oversells_nothing_and_logs_every_change_once() throws Exception {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(Api.stock(UNITS));
        }
        Api.Client staff = Api.as(Api.token(Api.uniqueId("staff"), "orders:write"));
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        List<Purchase> purchases = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (int i = 0; i < BUYERS; i++) {
            tokens.put("buyer-" + i, Api.token(Api.uniqueId("buyer-" + i), "carts", "orders"));
        }
        long injectedBefore = FaultInjection.injected();

        FaultInjection.rate(FAULT_RATE);
        try {
            ConcurrencyIT.concurrently(BUYERS + ADMIN_MOVES, i -> {
                // Spread seeds apart: Random's first draws for neighbouring small seeds are alike.
                Random random = new Random(0x9E3779B97F4A7C15L * (i + 1));
                if (i >= BUYERS) {
                    String product = products.get(random.nextInt(PRODUCTS));
                    count(statuses, Api.move(product, random.nextBoolean() ? "increment" : "decrement", 1 + random.nextInt(2)));
                    return null;
                }
                Api.Client buyer = Api.as(tokens.get("buyer-" + i));
                String product = products.get(random.nextInt(PRODUCTS));
                long quantity = 1 + random.nextInt(3);
                String cart = Api.uniqueId("cart");
                Api.Response added = count(statuses, buyer.post("/v2/carts/" + cart + "/items",
                        "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":" + quantity + "}}"));
                if (added.status() != 201) {
                    return null;
                }
                Api.Response placed = count(statuses, buyer.post("/v2/carts/" + cart + "/checkout",
                        "{\"data\":{\"customer\":{\"email\":\"b@example.com\",\"name\":\"B\"},"
                                + "\"shipping_address\":{\"city\":\"Oslo\"},\"billing_address\":{\"city\":\"Oslo\"}}}"));
                if (placed.status() != 201) {
                    return null;
                }
                String order = (String) placed.data().get("id");
                purchases.add(new Purchase(product, order, quantity));
                String token = List.of("tok_visa", "tok_visa", "tok_visa", "tok_decline", "tok_silent").get(random.nextInt(5));
                Api.Response paid = count(statuses, buyer.post("/v2/orders/" + order + "/payments",
                        "{\"data\":{\"gateway\":\"manual\",\"payment\":\"" + token + "\"}}"));
                if (paid.status() == 202 && i % 4 == 0) {
                    count(statuses, staff.method("PUT", "/v2/orders/" + order, "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}"));
                }
                return null;
            });
        } finally {
            FaultInjection.rate(0);
        }
        long injected = FaultInjection.injected() - injectedBefore;
        System.out.println("FaultsIT: " + injected + " faults injected; answers by status " + statuses + "; " + purchases.size() + " orders placed");

        assertThat(injected).as("faults were injected").isGreaterThan(20);
        assertThat(statuses.keySet()).as("statuses " + statuses).allSatisfy(status ->
                assertThat(status < 500 || status == 503).as("status " + status).isTrue());

        // Every payment ends: paid, or failed or timed out (released), or cancelled.
        Map<String, Map<String, Object>> finalOrders = new HashMap<>();
        for (Purchase purchase : purchases) {
            finalOrders.put(purchase.order(), Shop.awaitOrder(purchase.order(),
                    order -> !"processing".equals(order.get("status")), Duration.ofSeconds(Stack.PAYMENT_TIMEOUT_SECONDS + 20)));
        }
        PaymentResultsIT.awaitResultsDrained();

        for (String product : products) {
            long[] stock = levels(product);
            assertThat(stock[0]).as(product + " total = available + allocated").isEqualTo(stock[1] + stock[2]);
            assertThat(stock[1]).as(product + " available").isNotNegative();
            long held = purchases.stream().filter(p -> p.product().equals(product))
                    .map(p -> Shop.order(p.order()))
                    .filter(o -> "complete".equals(o.get("status")) && "unfulfilled".equals(o.get("shipping")))
                    .mapToLong(o -> number(((List<Map<String, Object>>) o.get("items")).get(0).get("quantity")))
                    .sum();
            assertThat(stock[2]).as(product + ": allocated is exactly what paid, unshipped orders hold").isEqualTo(held);
            assertLogAddsUpTo(product, stock);
        }
    }

    private static Api.Response count(Map<Integer, AtomicInteger> statuses, Api.Response response) {
        synchronized (statuses) {
            statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        }
        return response;
    }

    /** Every change once: each entry starts where the one before it ended, and the newest ends at the stock. */
    static void assertLogAddsUpTo(String product, long[] stock) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<Map<String, Object>> log = History.all(product);
            List<Map<String, Object>> oldestFirst = new ArrayList<>(log);
            Collections.reverse(oldestFirst);
            Map<String, Object> after = Map.of("total", 0L, "available", 0L, "allocated", 0L);
            boolean chained = true;
            for (Map<String, Object> entry : oldestFirst) {
                chained &= entry.get("before").equals(after);
                after = (Map<String, Object>) entry.get("after");
            }
            boolean current = after.equals(Map.of("total", stock[0], "available", stock[1], "allocated", stock[2]));
            if (chained && current) {
                assertThat(log).extracting(e -> e.get("id")).doesNotHaveDuplicates();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(product + "'s log does not add up to its stock " + java.util.Arrays.toString(stock) + ": " + log);
            }
            History.sleep(200);
        }
    }
}
