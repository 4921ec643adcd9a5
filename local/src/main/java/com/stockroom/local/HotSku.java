package com.stockroom.local;

import com.stockroom.common.Actor;
import com.stockroom.stock.application.TransactionIds;
import com.stockroom.stock.infrastructure.StockMoves;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One hot product: {@code payers} shoppers (distinct subjects, distinct orders of one unit each,
 * made beforehand through the API) pay at once for {@code units} units, through the local gateway,
 * all released by one latch from a pool of as many threads. Exactly {@code units} payments may win
 * (202) and the rest must be refused for want of stock, leaving none available and all of it
 * allocated. The baseline, in the same round and from the same pool: as many conditional
 * {@code UpdateItem}s of a product of its own with {@code units} units (the very allocation a
 * payment's transaction makes: available decremented only while at least the quantity is there),
 * made directly against the same emulator. Attempts per second is payers over the wall time from
 * the release to the last answer.
 *
 * <p>Every racer is connected before the release, as a client that keeps its connections alive
 * is: each payer on a kept-alive connection of its own to the gateway, and the direct client's
 * pool filled by one untimed read from every racer. Rounds before the measured ones warm the
 * JVM the whole local stack shares (its compiler, its connection pools), untimed.
 */
public final class HotSku {

    static final double RATIO_TARGET = 0.5;
    static final int PAYERS = 200;
    static final int UNITS = 20;
    /** Untimed rounds before the measured ones. */
    static final int WARMUP_ROUNDS = 2;

    private static final String STOREFRONT = "storefront-web";
    private static final String CHECKOUT_BODY = "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann Smith\"},"
            + "\"shipping_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"},"
            + "\"billing_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"}}}";
    private static final String PAY_BODY = "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\""
            + PaymentGatewaySimulator.SILENT + "\"}}";

    /**
     * One round's figures. {@code refused} are the payments answered 400 "Insufficient stock" (the
     * API's answer for it); {@code others} counts any other answers by status. Levels are read
     * through the API right after the last answer.
     */
    public record Round(int payments, int won, int refused, Map<Integer, Integer> others, long total, long available, long allocated,
            double gatewaySeconds, int rawWon, int rawRefused, int rawFailed, double rawSeconds, Map<String, Long> gatewayCalls,
            long rawPaymentsWon, double rawPaymentsSeconds, Map<String, Long> gatewayCpu, Map<String, Long> rawCpu,
            Map<String, Long> rawPaymentsCpu) {

        /** The payments' own calls made directly, attempts per second. */
        public double rawPaymentsRate() {
            return payments / rawPaymentsSeconds;
        }

        public double gatewayRate() {
            return payments / gatewaySeconds;
        }

        public double rawRate() {
            return payments / rawSeconds;
        }

        public double ratio() {
            return gatewayRate() / rawRate();
        }

        /** What must hold whatever the speed: exactly the units won, the rest refused, all of it allocated. */
        public boolean invariantHolds(int units) {
            return won == units && refused == payments - units && others.isEmpty()
                    && total == units && available == 0 && allocated == units
                    && rawWon == units && rawRefused == payments - units && rawFailed == 0;
        }
    }

    public record Result(List<Round> rounds, int payers, int units, int warmups) {

        public double medianRatio() {
            List<Double> ratios = rounds.stream().map(Round::ratio).sorted().toList();
            int n = ratios.size();
            return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
        }

        public String table() {
            StringBuilder out = new StringBuilder();
            out.append("Hot SKU: ").append(payers).append(" shoppers pay at once for ").append(units)
                    .append(" units of one product through the local gateway; baseline: as many conditional UpdateItems at once on a product")
                    .append(" of ").append(units).append(" units, directly; every racer connected before the release; ").append(rounds.size()).append(" rounds after ")
                    .append(warmups).append(" untimed warm-up rounds, ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores\n\n");
            out.append("| round | won (202) | refused (400 insufficient stock) | other answers | stock after (total / available / allocated) |")
                    .append(" gateway wall | gateway attempts/s | the payments' calls | raw won / refused | raw wall | raw attempts/s | gateway ÷ raw |")
                    .append(" the payments' calls made directly: won, attempts/s | gateway ÷ those |\n");
            out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < rounds.size(); i++) {
                Round r = rounds.get(i);
                out.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %d / %d / %d | %.0f ms | %.0f | %s | %d / %d%s | %.0f ms | %.0f | %.2f× | %d, %.0f | %.2f× |%n",
                        i + 1, r.won(), r.refused(), r.others().isEmpty() ? "none" : r.others().toString(), r.total(), r.available(), r.allocated(),
                        r.gatewaySeconds() * 1000, r.gatewayRate(), r.gatewayCalls(), r.rawWon(), r.rawRefused(),
                        r.rawFailed() == 0 ? "" : " (" + r.rawFailed() + " failed)", r.rawSeconds() * 1000, r.rawRate(), r.ratio(),
                        r.rawPaymentsWon(), r.rawPaymentsRate(), r.gatewayRate() / r.rawPaymentsRate()));
            }
            out.append('\n');
            if (rounds.stream().noneMatch(r -> r.gatewayCpu().isEmpty() || r.rawCpu().isEmpty() || r.rawPaymentsCpu().isEmpty())) {
                out.append(cpuTable());
            }
            out.append(target(rounds.stream().allMatch(r -> r.invariantHolds(units)),
                    String.format(Locale.ROOT, "hot SKU: exactly %d of %d payments won and the rest were refused, stock left 0 available / %d allocated,"
                            + " every round (and the raw baseline: %d of %d updates)", units, payers, units, units, payers)));
            out.append(target(medianRatio() >= RATIO_TARGET,
                    String.format(Locale.ROOT, "hot SKU: gateway attempts/s ≥ %.1f× the raw conditional updates' attempts/s: median of %d rounds %.2f×",
                            RATIO_TARGET, rounds.size(), medianRatio())));
            return out.toString();
        }

        /**
         * Where the CPU went during each race ({@link CpuTime}): the whole local stack shares one
         * JVM (gateway, authorizer, functions, the SDK clients, ElasticMQ, the JIT) beside Dynoxide.
         */
        private String cpuTable() {
            StringBuilder out = new StringBuilder();
            List<String> parts = List.copyOf(rounds.get(0).gatewayCpu().keySet());
            out.append("CPU spent during each race, ms, by part (the racers are the benchmark's own clients; the JVM's own threads and any that")
                    .append(" ended are what the process spent beyond its live threads, read within 10 ms)\n\n");
            out.append("| round | race | wall |");
            parts.forEach(part -> out.append(' ').append(part).append(" |"));
            out.append(" total |\n|---|---|---|");
            parts.forEach(part -> out.append("---|"));
            out.append("---|\n");
            for (int i = 0; i < rounds.size(); i++) {
                Round r = rounds.get(i);
                out.append(cpuRow(i + 1, "gateway", r.gatewaySeconds(), r.gatewayCpu(), parts));
                out.append(cpuRow(i + 1, "raw UpdateItems", r.rawSeconds(), r.rawCpu(), parts));
                out.append(cpuRow(i + 1, "the payments' calls directly", r.rawPaymentsSeconds(), r.rawPaymentsCpu(), parts));
            }
            return out.append('\n').toString();
        }

        private static String cpuRow(int round, String race, double seconds, Map<String, Long> cpu, List<String> parts) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %s | %.0f ms |", round, race, seconds * 1000));
            parts.forEach(part -> row.append(' ').append(cpu.containsKey(part) ? cpu.get(part).toString() : "-").append(" |"));
            return row.append(' ').append(cpu.values().stream().mapToLong(Long::longValue).sum()).append(" |\n").toString();
        }

        private static String target(boolean met, String what) {
            return (met ? "MET      " : "NOT MET  ") + what + "\n";
        }
    }

    /** {@code rounds} rounds of {@value #PAYERS} payers for {@value #UNITS} units, after {@code warmups} untimed ones. */
    public static Result measure(LocalStack stack, int warmups, int rounds) throws Exception {
        return measure(stack, warmups, rounds, PAYERS, UNITS);
    }

    public static Result measure(LocalStack stack, int warmups, int rounds, int payers, int units) throws Exception {
        if (warmups < 0 || rounds < 1 || units < 1 || payers <= units) {
            throw new IllegalArgumentException("no negative warm-up, at least one round, one unit and more payers than units");
        }
        HotSku hot = new HotSku(stack, payers);
        try {
            for (int round = 0; round < warmups; round++) {
                hot.round(round, payers, units);
            }
            List<Round> done = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                done.add(hot.round(round, payers, units));
            }
            return new Result(done, payers, units, warmups);
        } finally {
            hot.close();
        }
    }

    private final LocalStack stack;
    private final SdkHttpClient sdkHttp = UrlConnectionHttpClient.builder().build();
    private final DynamoDbClient dynamoDb;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService racers;
    private final ExecutorService setupPool = Executors.newFixedThreadPool(4, named("hot-sku-setup"));
    private final TransactionIds ids = new TransactionIds(Clock.systemUTC());
    private final String stockTable;
    private final String adminToken;

    private HotSku(LocalStack stack, int payers) {
        this.stack = stack;
        this.dynamoDb = DynamoDbClient.builder().httpClient(sdkHttp).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY)))
                .endpointOverride(stack.dynamoDbEndpoint()).build();
        this.racers = Executors.newFixedThreadPool(payers, named(CpuTime.RACER_THREAD));
        this.stockTable = stack.tables().get("StockTable");
        this.adminToken = stack.tokens().mint("hot-sku-admin", "stockroom-admin", List.of("inventory:read", "inventory:write")).accessToken();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private void close() {
        racers.shutdownNow();
        setupPool.shutdownNow();
        dynamoDb.close();
        sdkHttp.close();
    }

    private Round round(int round, int payers, int units) throws Exception {
        String product = product(units);
        List<byte[]> payments = new ArrayList<>();
        List<Future<byte[]>> made = new ArrayList<>();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < payers; i++) {
            String shopper = "hot-shopper-" + tag + "-" + i;
            made.add(setupPool.submit(() -> {
                String token = stack.tokens().mint(shopper, STOREFRONT, List.of("carts", "orders")).accessToken();
                String order = order(product, token);
                return KeptAlive.wire("POST", "/v2/orders/" + order + "/payments", PAY_BODY, token);
            }));
        }
        for (Future<byte[]> payment : made) {
            payments.add(payment.get());
        }
        String rawProduct = product(units);

        // The two alternate going first, so neither always follows the other's aftermath.
        Race gateway;
        Race raw;
        Race rawPayments;
        String paymentProduct = product(units);
        Map<String, Long> gatewayCalls = new java.util.TreeMap<>();
        if (round % 2 == 0) {
            gateway = countedGatewayRace(payments, gatewayCalls);
            raw = rawRace(rawProduct, payers);
            rawPayments = rawPaymentRace(paymentProduct, payers);
        } else {
            rawPayments = rawPaymentRace(paymentProduct, payers);
            raw = rawRace(rawProduct, payers);
            gateway = countedGatewayRace(payments, gatewayCalls);
        }
        Map<String, Object> stock = data(call("GET", "/v2/inventories/" + product, adminToken, null, 200));
        int won = 0;
        int refused = 0;
        Map<Integer, Integer> others = new TreeMap<>();
        for (Object each : gateway.answers()) {
            KeptAlive.Answer answer = (KeptAlive.Answer) each;
            if (answer.status() == 202) {
                won++;
            } else if (answer.status() == 400 && answer.body().contains("Insufficient stock")) {
                refused++;
            } else {
                others.merge(answer.status(), 1, Integer::sum);
            }
        }
        int rawWon = 0;
        int rawRefused = 0;
        int rawFailed = 0;
        for (Object outcome : raw.answers()) {
            if ("won".equals(outcome)) {
                rawWon++;
            } else if ("refused".equals(outcome)) {
                rawRefused++;
            } else {
                rawFailed++;
            }
        }
        return new Round(payers, won, refused, others, number(stock.get("total")), number(stock.get("available")), number(stock.get("allocated")),
                gateway.seconds(), rawWon, rawRefused, rawFailed, raw.seconds(), gatewayCalls,
                rawPayments.answers().stream().filter("won"::equals).count(), rawPayments.seconds(), gateway.cpu(), raw.cpu(), rawPayments.cpu());
    }

    /** A race's answers, its wall time, and the CPU each part of the local stack spent meanwhile (empty where unknown). */
    private record Race(List<Object> answers, double seconds, Map<String, Long> cpu) {
    }

    @FunctionalInterface
    private interface Attempt {
        Object attempt(int index) throws Exception;
    }

    /** What a racer does on its own thread before the release, untimed: connecting, say. */
    @FunctionalInterface
    private interface Preparation {
        void prepare(int index) throws Exception;
    }

    /**
     * Every attempt on its own thread, prepared, then released at once; the wall time from the
     * release to the last answer.
     */
    private Race race(int attempts, Preparation preparation, Attempt attempt) throws Exception {
        CountDownLatch ready = new CountDownLatch(attempts);
        CountDownLatch start = new CountDownLatch(1);
        long[] ends = new long[attempts];
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int index = i;
            futures.add(racers.submit(() -> {
                try {
                    preparation.prepare(index);
                } finally {
                    ready.countDown();
                }
                start.await();
                try {
                    return attempt.attempt(index);
                } finally {
                    ends[index] = System.nanoTime();
                }
            }));
        }
        ready.await();
        CpuTime.Reading cpuBefore = CpuTime.now(stack.dynamoDbProcesses());
        long started = System.nanoTime();
        start.countDown();
        List<Object> answers = new ArrayList<>();
        for (Future<Object> future : futures) {
            answers.add(future.get());
        }
        long last = started;
        for (long end : ends) {
            last = Math.max(last, end);
        }
        return new Race(answers, (last - started) / 1e9, CpuTime.partsSince(cpuBefore, stack.dynamoDbProcesses()));
    }

    /** The gateway's race, with the orders function's calls during it (retries of conflicting transactions show here). */
    private Race countedGatewayRace(List<byte[]> payments, Map<String, Long> calls) throws Exception {
        com.stockroom.platform.CallCounts.reset();
        Race race = gatewayRace(payments);
        com.stockroom.platform.CallCounts.snapshot().forEach((key, count) -> {
            if (key.startsWith("OrdersApiFunction ")) {
                calls.put(key.substring("OrdersApiFunction ".length()), count);
            }
        });
        return race;
    }

    /** Each payer on a kept-alive connection of its own, connected before the release. */
    private Race gatewayRace(List<byte[]> payments) throws Exception {
        List<KeptAlive> connections = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            connections.add(new KeptAlive(stack.apiEndpoint()));
        }
        try {
            return race(payments.size(), i -> connections.get(i).connect(), i -> connections.get(i).send(payments.get(i)));
        } finally {
            connections.forEach(KeptAlive::close);
        }
    }

    /** One untimed read by every racer, so that the direct client's pool holds a connection for each. */
    private Preparation connected(String product) {
        Map<String, AttributeValue> key = Map.of("product_id", AttributeValue.fromS(product));
        return i -> dynamoDb.getItem(g -> g.tableName(stockTable).key(key));
    }

    private Race rawRace(String product, int attempts) throws Exception {
        Attribution attribution = Attribution.by(new Actor("hot-sku-baseline", Optional.of(STOREFRONT)));
        List<UpdateItemRequest> updates = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            // The allocation a payment makes, as one conditional update: available ≥ 1, then available - 1 and allocated + 1.
            Update update = StockMoves.update(stockTable, new StockTransaction(ids.next(), new ProductId(product), StockAction.ALLOCATE,
                    Quantity.of(1), Optional.of("hot-sku-baseline-" + i), Instant.now(), attribution.because("baseline")));
            updates.add(UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames()).expressionAttributeValues(update.expressionAttributeValues())
                    .build());
        }
        return race(attempts, connected(product), i -> {
            try {
                dynamoDb.updateItem(updates.get(i));
                return "won";
            } catch (ConditionalCheckFailedException refused) {
                return "refused";
            } catch (RuntimeException failed) {
                return "failed: " + failed;
            }
        });
    }

    /**
     * The calls one payment makes, made directly, as many at once: a GetItem (the order), then a
     * TransactWriteItems of the same conditional allocation and a put of the order. What the
     * gateway's payments would cost with no gateway, authorizer or function in between.
     */
    private Race rawPaymentRace(String product, int attempts) throws Exception {
        Attribution attribution = Attribution.by(new Actor("hot-sku-baseline", Optional.of(STOREFRONT)));
        String ordersTable = stack.tables().get("OrdersTable");
        List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest> payments = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Update update = StockMoves.update(stockTable, new StockTransaction(ids.next(), new ProductId(product), StockAction.ALLOCATE,
                    Quantity.of(1), Optional.of("hot-sku-payment-" + i), Instant.now(), attribution.because("baseline")));
            String order = "hot-raw-order-" + UUID.randomUUID();
            payments.add(software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest.builder().transactItems(
                    software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().update(update).build(),
                    software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().put(p -> p.tableName(ordersTable)
                            .item(Map.of("order_id", AttributeValue.fromS(order), "status", AttributeValue.fromS("processing"),
                                    "version", AttributeValue.fromN("2")))).build()).build());
        }
        Map<String, AttributeValue> key = Map.of("product_id", AttributeValue.fromS(product));
        return race(attempts, connected(product), i -> {
            try {
                dynamoDb.getItem(g -> g.tableName(stockTable).key(key));
                dynamoDb.transactWriteItems(payments.get(i));
                return "won";
            } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException refused) {
                return "refused";
            } catch (RuntimeException failed) {
                return "failed: " + failed;
            }
        });
    }

    // ---- setup through the API ----

    private String product(long quantity) throws IOException, InterruptedException {
        String product = "hot-" + UUID.randomUUID().toString().substring(0, 13);
        call("POST", "/v2/inventories/" + product, adminToken, "{\"data\":{\"type\":\"stock\",\"quantity\":" + quantity + "}}", 201);
        return product;
    }

    private String order(String product, String token) throws IOException, InterruptedException {
        String cart = "hot-cart-" + UUID.randomUUID().toString().substring(0, 13);
        call("POST", "/v2/carts/" + cart + "/items", token, "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":1}}", 201);
        return String.valueOf(data(call("POST", "/v2/carts/" + cart + "/checkout", token, CHECKOUT_BODY, 201)).get("id"));
    }

    private HttpRequest request(String method, String path, String body, String token) {
        return Benchmark.request(stack.apiEndpoint(), method, path, body, token, Duration.ofSeconds(60));
    }

    private Map<String, Object> call(String method, String path, String token, String body, int expected) throws IOException, InterruptedException {
        return Benchmark.expected(method, path, http.send(request(method, path, body, token), HttpResponse.BodyHandlers.ofString()), expected);
    }

    private static Map<String, Object> data(Map<String, Object> document) {
        return Benchmark.data(document);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
