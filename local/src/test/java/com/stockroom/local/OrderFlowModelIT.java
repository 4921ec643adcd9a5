package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.platform.FaultInjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The order flow against a model of its rules: random sequences of stock moves, cart changes,
 * checkouts, payments, payment timeouts (after a second), gateway results (duplicated, late,
 * stale, stray), stock deleted and created again, shipments and cancellations, run a few at a
 * time concurrently against the embedded stack, with and without injected faults. After each
 * sequence: total = available + allocated and nothing negative;
 * allocated is exactly what processing and paid, unshipped orders hold plus what admins
 * allocated; never more shipped than stocked; the log adds up to the stock, every change once;
 * and the audit, once caught up with the log, agrees for every product (deleted ones too).
 * A failing sequence is shrunk and printed.
 */
class OrderFlowModelIT {

    private static final int PRODUCTS = 3;
    private static final int SHOPPERS = 2;
    private static final int CARTS = 6;
    private static final int WAVE = 6;
    private static final int OPERATIONS = 250;

    /**
     * Payments time out after a second here (the sweep runs every second), so within a sequence
     * payments are timed out, and their gateway's answers arrive late, all the time.
     */
    private static final int PAYMENT_TIMEOUT_SECONDS = 1;

    private static AutoCloseable stack;
    private static final AtomicLong OPERATIONS_RUN = new AtomicLong();
    private static final Map<Integer, AtomicLong> ALL_STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final List<String> SHOPPER_TOKENS = new ArrayList<>();
    private static Api.Client staff;

    /** One step a client, an admin or the gateway takes. Indexes pick among the sequence's products, carts and orders. */
    sealed interface Op permits AdminMove, Delete, Create, Add, Remove, Checkout, Pay, Result, Cancel, Ship {
    }

    record AdminMove(int product, String action, int quantity) implements Op {
    }

    /** Deleting the product's stock: refused while anything is allocated. */
    record Delete(int product) implements Op {
    }

    /** Creating the product's stock again: refused while it has some. */
    record Create(int product, int quantity) implements Op {
    }

    record Add(int shopper, int cart, int product, int quantity) implements Op {
    }

    record Remove(int shopper, int cart, int product) implements Op {
    }

    record Checkout(int shopper, int cart) implements Op {
    }

    record Pay(int order, String token) implements Op {
    }

    /** The gateway's answer for an order's current or an earlier attempt (or one it never made), maybe more than once. */
    record Result(int order, boolean succeeded, String attempt, int copies) implements Op {
    }

    record Cancel(int order) implements Op {
    }

    record Ship(int order) implements Op {
    }

    @BeforeContainer
    static void start() throws Exception {
        stack = Stack.startOwn(PAYMENT_TIMEOUT_SECONDS);
        for (int i = 0; i < SHOPPERS; i++) {
            SHOPPER_TOKENS.add(Api.token(Api.uniqueId("model-shopper-" + i), "carts", "orders"));
        }
        staff = Api.as(Api.token(Api.uniqueId("model-staff"), "orders:write"));
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.println("OrderFlowModelIT: " + OPERATIONS_RUN.get() + " operations run in all; HTTP answers by status " + ALL_STATUSES);
        FaultInjection.rate(0);
        stack.close();
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Integer> product = Arbitraries.integers().between(0, PRODUCTS - 1);
        // Who acts on a cart: mostly the shopper whose cart it is (cart % SHOPPERS); a 3 is the other shopper.
        Arbitrary<Integer> shopper = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> cart = Arbitraries.integers().between(0, CARTS - 1);
        Arbitrary<Integer> order = Arbitraries.integers().between(0, 20);
        Arbitrary<Integer> quantity = Arbitraries.integers().between(1, 3);
        Arbitrary<Op> admin = Combinators.combine(product, Arbitraries.of("increment", "decrement", "allocate", "deallocate"), quantity)
                .as(AdminMove::new);
        Arbitrary<Op> delete = product.map(Delete::new);
        Arbitrary<Op> create = Combinators.combine(product, Arbitraries.integers().between(1, 12)).as(Create::new);
        Arbitrary<Op> add = Combinators.combine(shopper, cart, product, quantity).as(Add::new);
        Arbitrary<Op> remove = Combinators.combine(shopper, cart, product).as(Remove::new);
        Arbitrary<Op> checkout = Combinators.combine(shopper, cart).as(Checkout::new);
        Arbitrary<Op> pay = Combinators.combine(order, Arbitraries.of("tok_visa", "tok_visa", "tok_decline", "tok_silent")).as(Pay::new);
        Arbitrary<Op> result = Combinators.combine(order, Arbitraries.of(true, false), Arbitraries.of("current", "earlier", "stray"),
                Arbitraries.integers().between(1, 3)).as(Result::new);
        Arbitrary<Op> cancel = order.map(Cancel::new);
        Arbitrary<Op> ship = order.map(Ship::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, admin), net.jqwik.api.Tuple.of(1, delete), net.jqwik.api.Tuple.of(1, create),
                net.jqwik.api.Tuple.of(5, add), net.jqwik.api.Tuple.of(1, remove),
                net.jqwik.api.Tuple.of(3, checkout), net.jqwik.api.Tuple.of(4, pay), net.jqwik.api.Tuple.of(3, result),
                net.jqwik.api.Tuple.of(1, cancel), net.jqwik.api.Tuple.of(2, ship))
                .list().ofSize(OPERATIONS);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void any_sequence_keeps_the_invariants(@ForAll("sequences") List<Op> sequence) throws Exception {
        new Run(sequence).execute(0);
    }

    @Property(tries = 12, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void any_sequence_keeps_the_invariants_while_a_tenth_of_the_calls_fail(@ForAll("sequences") List<Op> sequence) throws Exception {
        new Run(sequence).execute(0.10);
    }

    /** One sequence against fresh products, carts and orders of its own. */
    private static final class Run {
        private final List<Op> sequence;
        private final List<String> products = new ArrayList<>();
        private final List<String> carts = new ArrayList<>();
        private final List<String> orders = new ArrayList<>();
        private final Map<String, Integer> owners = new HashMap<>();
        private final Map<String, List<String>> attempts = new HashMap<>();
        private final Map<Integer, AtomicLong> statuses = new java.util.TreeMap<>();

        Run(List<Op> sequence) {
            this.sequence = sequence;
            for (int i = 0; i < PRODUCTS; i++) {
                products.add(Api.stock(8 + 3L * i));
            }
            for (int i = 0; i < CARTS; i++) {
                carts.add(Api.uniqueId("model-cart"));
            }
        }

        void execute(double faultRate) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(WAVE);
            FaultInjection.rate(faultRate);
            try {
                for (int from = 0; from < sequence.size(); from += WAVE) {
                    List<Future<?>> wave = new ArrayList<>();
                    for (Op op : sequence.subList(from, Math.min(sequence.size(), from + WAVE))) {
                        wave.add(pool.submit((Callable<Void>) () -> {
                            apply(op);
                            return null;
                        }));
                    }
                    for (Future<?> done : wave) {
                        done.get(60, TimeUnit.SECONDS);
                    }
                }
            } finally {
                FaultInjection.rate(0);
                pool.shutdownNow();
            }
            OPERATIONS_RUN.addAndGet(sequence.size());
            assertThat(statuses.keySet()).as("answers by status " + statuses)
                    .allSatisfy(status -> assertThat(status < 500 || status == 503 || status == 429).as("status " + status).isTrue());
            quiesce();
            check();
        }

        private void apply(Op op) {
            if (op instanceof AdminMove move) {
                count(Api.move(products.get(move.product()), move.action(), move.quantity()));
            } else if (op instanceof Delete delete) {
                count(Api.delete("/v2/inventories/" + products.get(delete.product())));
            } else if (op instanceof Create create) {
                count(Api.post("/v2/inventories/" + products.get(create.product()), "{\"data\":{\"quantity\":" + create.quantity() + "}}"));
            } else if (op instanceof Add add) {
                count(cartShopper(add.shopper(), add.cart()).post("/v2/carts/" + carts.get(add.cart()) + "/items",
                        "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + products.get(add.product()) + "\",\"quantity\":" + add.quantity() + "}}"));
            } else if (op instanceof Remove remove) {
                count(cartShopper(remove.shopper(), remove.cart()).delete("/v2/carts/" + carts.get(remove.cart()) + "/items/" + products.get(remove.product())));
            } else if (op instanceof Checkout checkout) {
                Api.Response placed = count(cartShopper(checkout.shopper(), checkout.cart()).post("/v2/carts/" + carts.get(checkout.cart()) + "/checkout",
                        "{\"data\":{\"customer\":{\"email\":\"m@example.com\",\"name\":\"M\"},\"shipping_address\":{},\"billing_address\":{}}}"));
                if (placed.status() == 201) {
                    synchronized (orders) {
                        orders.add((String) placed.data().get("id"));
                        owners.put((String) placed.data().get("id"), shopperOf(checkout.shopper(), checkout.cart()));
                    }
                }
            } else if (op instanceof Pay pay) {
                order(pay.order()).ifPresent(order -> {
                    // The owner pays; now and then another shopper tries first, and finds no such order.
                    int owner;
                    synchronized (orders) {
                        owner = owners.get(order);
                    }
                    if (pay.order() % 5 == 0) {
                        count(shopper((owner + 1) % SHOPPERS).post("/v2/orders/" + order + "/payments",
                                "{\"data\":{\"gateway\":\"manual\",\"payment\":\"" + pay.token() + "\"}}"));
                    }
                    Api.Response paid = count(shopper(owner).post("/v2/orders/" + order + "/payments",
                            "{\"data\":{\"gateway\":\"manual\",\"payment\":\"" + pay.token() + "\"}}"));
                    if (paid.status() == 202) {
                        synchronized (attempts) {
                            attempts.computeIfAbsent(order, o -> new ArrayList<>()).add((String) paid.data().get("payment_id"));
                        }
                    }
                });
            } else if (op instanceof Result result) {
                order(result.order()).ifPresent(order -> {
                    List<String> made;
                    synchronized (attempts) {
                        made = List.copyOf(attempts.getOrDefault(order, List.of()));
                    }
                    String paymentId = switch (result.attempt()) {
                        case "current" -> made.isEmpty() ? null : made.get(made.size() - 1);
                        case "earlier" -> made.size() < 2 ? null : made.get(0);
                        default -> "01ARZ3NDEKTSV4RRFFQ69G5FAV";
                    };
                    if (paymentId != null) {
                        try (SqsClient sqs = Stack.get().sqsClient()) {
                            for (int i = 0; i < result.copies(); i++) {
                                sqs.sendMessage(m -> m.queueUrl(Stack.get().queues().get("PaymentResults"))
                                        .messageBody(PaymentResultsIT.result(order, paymentId, result.succeeded() ? "succeeded" : "failed")));
                            }
                        }
                    }
                });
            } else if (op instanceof Cancel cancel) {
                order(cancel.order()).ifPresent(order -> count(staff.method("PUT", "/v2/orders/" + order,
                        "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}")));
            } else if (op instanceof Ship ship) {
                order(ship.order()).ifPresent(order -> count(staff.method("PUT", "/v2/orders/" + order,
                        "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}")));
            }
        }

        private java.util.Optional<String> order(int index) {
            synchronized (orders) {
                return orders.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(orders.get(index % orders.size()));
            }
        }

        private static int shopperOf(int who, int cart) {
            return who == 3 ? (cart + 1) % SHOPPERS : cart % SHOPPERS;
        }

        private static Api.Client cartShopper(int who, int cart) {
            return shopper(shopperOf(who, cart));
        }

        private static Api.Client shopper(int index) {
            return Api.as(SHOPPER_TOKENS.get(index));
        }

        private Api.Response count(Api.Response response) {
            synchronized (statuses) {
                statuses.computeIfAbsent(response.status(), s -> new AtomicLong()).incrementAndGet();
            }
            ALL_STATUSES.computeIfAbsent(response.status(), s -> new AtomicLong()).incrementAndGet();
            return response;
        }

        /** Waits until the gateway has answered every request and every result was applied. */
        private void quiesce() {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (SqsClient sqs = Stack.get().sqsClient()) {
                while (true) {
                    long pending = 0;
                    for (String queue : List.of("PaymentRequests", "PaymentResults")) {
                        Map<String, String> attributes = sqs.getQueueAttributes(g -> g.queueUrl(Stack.get().queues().get(queue))
                                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                                .attributesAsStrings();
                        pending += Long.parseLong(attributes.get("ApproximateNumberOfMessages"))
                                + Long.parseLong(attributes.get("ApproximateNumberOfMessagesNotVisible"));
                    }
                    if (pending == 0) {
                        History.sleep(300);
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the payment queues did not drain: " + pending + " messages left");
                    }
                    History.sleep(100);
                }
            }
        }

        /** The invariants, read until a consistent view holds them (a payment timeout may land meanwhile). */
        private void check() {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            AssertionError last = null;
            while (System.nanoTime() < deadline) {
                try {
                    checkOnce();
                    return;
                } catch (AssertionError notYet) {
                    last = notYet;
                    History.sleep(250);
                }
            }
            throw last;
        }

        @SuppressWarnings("unchecked")
        private void checkOnce() {
            Map<String, Long> held = new HashMap<>();
            for (String order : orders) {
                Map<String, Object> found = staff.get("/v2/orders/" + order).data();
                boolean holds = "processing".equals(found.get("status"))
                        || "complete".equals(found.get("status")) && "unfulfilled".equals(found.get("shipping"));
                if (holds) {
                    for (Map<String, Object> line : (List<Map<String, Object>>) found.get("items")) {
                        held.merge((String) line.get("product_id"), Api.number(line.get("quantity")), Long::sum);
                    }
                }
            }
            for (String product : products) {
                Map<String, Object> audit = Api.get("/v2/inventories/" + product + "/audit").data();
                assertThat(audit).as(product + ": the audit, once caught up, agrees with the stock")
                        .containsEntry("caught_up", true).containsEntry("agrees", true);
                if (Api.get("/v2/inventories/" + product).status() == 404) {
                    continue;
                }
                long[] stock = Api.levels(product);
                assertThat(stock[0]).as(product + ": total = available + allocated").isEqualTo(stock[1] + stock[2]);
                assertThat(stock[1]).as(product + ": available").isNotNegative();
                assertThat(stock[2]).as(product + ": allocated").isNotNegative();
                FaultsIT.assertLogAddsUpTo(product, stock);
                List<Map<String, Object>> log = History.all(product);
                long byAdmins = 0;
                long stocked = 0;
                long shipped = 0;
                for (Map<String, Object> entry : log) {
                    long q = Api.number(entry.get("quantity"));
                    boolean forOrder = entry.get("order_id") != null;
                    switch ((String) entry.get("action")) {
                        case "allocate" -> byAdmins += forOrder ? 0 : q;
                        case "deallocate" -> byAdmins -= forOrder ? 0 : q;
                        case "increment" -> stocked += q;
                        case "decrement" -> shipped += forOrder ? q : 0;
                        default -> {
                        }
                    }
                }
                assertThat(stock[2]).as(product + ": allocated = what orders hold + what admins allocated")
                        .isEqualTo(held.getOrDefault(product, 0L) + byAdmins);
                assertThat(shipped).as(product + ": never more shipped than stocked").isLessThanOrEqualTo(stocked);
            }
        }
    }
}
