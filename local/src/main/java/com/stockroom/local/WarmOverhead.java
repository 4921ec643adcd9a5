package com.stockroom.local;

import com.stockroom.common.Actor;
import com.stockroom.platform.CallCounts;
import com.stockroom.stock.application.TransactionIds;
import com.stockroom.stock.infrastructure.StockMoves;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.web.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The warm cost of our code and of the local gateway over the database calls an operation needs,
 * in one warm JVM against one running stack.
 *
 * <p>For each of GET stock, add to cart, check out, pay and ship it times, interleaved so that the
 * three share the machine's noise: (a) the operation's own DynamoDB (and, for paying, SQS) calls
 * made directly with an SDK client on the url-connection HTTP client, mirroring the real calls on
 * scratch items (same kinds, count, tables and item counts); (b) the operation through its
 * function's handler in this JVM, given an HTTP API event built here; (c) the operation through the
 * local gateway over one kept-alive HTTP/1.1 connection (a plain socket, so that little of the
 * time is the client's), token checked. Every write is made on an
 * item of its own, made beforehand outside the timed part.
 */
public final class WarmOverhead {

    static final double HANDLER_TARGET = 1.25;
    static final double GATEWAY_TARGET = 3.0;

    private static final String SHOPPER = "warm-shopper";
    private static final String STOREFRONT = "storefront-web";
    private static final String ADMIN = "warm-admin";
    private static final String ADMIN_CLIENT = "stockroom-admin";
    private static final List<String> SHOPPER_SCOPES = List.of("carts", "orders");
    private static final List<String> ADMIN_SCOPES = List.of("inventory:read", "inventory:write", "orders:write");
    private static final String CHECKOUT_BODY = "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann Smith\"},"
            + "\"shipping_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"},"
            + "\"billing_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"}}}";
    private static final String SHIP_BODY = "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}";

    /** One operation's figures, in milliseconds. */
    public record Row(String operation, String rawCalls, String handlerCalls, double rawP50, double rawP99,
            double handlerP50, double handlerP99, double gatewayP50, double gatewayP99) {

        public double handlerRatio() {
            return handlerP50 / rawP50;
        }

        public double gatewayRatio() {
            return gatewayP50 / rawP50;
        }
    }

    /** Every operation's row, in the order measured. */
    public record Result(List<Row> rows, int warmup, int iterations, double setupSeconds, double measureSeconds) {

        public String table() {
            StringBuilder out = new StringBuilder();
            out.append("Warm overhead: each operation's own calls made directly, through its handler in-process, and through the local")
                    .append(" gateway on one kept-alive connection (plain socket); ").append(warmup).append(" warm-up and ").append(iterations)
                    .append(" timed iterations of each, interleaved (setup ").append(String.format(Locale.ROOT, "%.1f", setupSeconds))
                    .append(" s, timing ").append(String.format(Locale.ROOT, "%.1f", measureSeconds)).append(" s, ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores)\n\n");
            out.append("| operation | raw calls | handler's calls (counted) | raw p50 / p99 | handler p50 / p99 | handler ÷ raw (p50) |")
                    .append(" gateway p50 / p99 | gateway ÷ raw (p50) |\n");
            out.append("|---|---|---|---|---|---|---|---|\n");
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f / %.2f ms | %.2f / %.2f ms | %.2f× | %.2f / %.2f ms | %.2f× |%n",
                        row.operation(), row.rawCalls(), row.handlerCalls(), row.rawP50(), row.rawP99(), row.handlerP50(), row.handlerP99(),
                        row.handlerRatio(), row.gatewayP50(), row.gatewayP99(), row.gatewayRatio()));
            }
            out.append('\n');
            Row handlerWorst = rows.stream().max((a, b) -> Double.compare(a.handlerRatio(), b.handlerRatio())).orElseThrow();
            out.append(target(rows.stream().allMatch(r -> r.handlerRatio() <= HANDLER_TARGET),
                    String.format(Locale.ROOT, "warm handler p50 ≤ %.2f× its raw calls' p50 for every operation: worst %s at %.2f×",
                            HANDLER_TARGET, handlerWorst.operation(), handlerWorst.handlerRatio())));
            Row gatewayWorst = rows.stream().max((a, b) -> Double.compare(a.gatewayRatio(), b.gatewayRatio())).orElseThrow();
            out.append(target(rows.stream().allMatch(r -> r.gatewayRatio() <= GATEWAY_TARGET),
                    String.format(Locale.ROOT, "warm gateway p50 ≤ %.1f× its raw calls' p50 for every operation: worst %s at %.2f×",
                            GATEWAY_TARGET, gatewayWorst.operation(), gatewayWorst.gatewayRatio())));
            return out.toString();
        }

        private static String target(boolean met, String what) {
            return (met ? "MET      " : "NOT MET  ") + what + "\n";
        }
    }

    /** Runs each operation {@code warmup} times untimed, then {@code iterations} times timed, each of the three ways. */
    public static Result measure(LocalStack stack, int warmup, int iterations) throws Exception {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("warmup ≥ 0 and iterations ≥ 1, not " + warmup + " and " + iterations);
        }
        WarmOverhead run = new WarmOverhead(stack, warmup + iterations);
        try {
            long started = System.nanoTime();
            List<Operation> operations = run.operations();
            long set = System.nanoTime();
            List<Row> rows = new ArrayList<>();
            for (Operation operation : operations) {
                rows.add(run.time(operation, warmup, iterations));
            }
            long done = System.nanoTime();
            return new Result(rows, warmup, iterations, (set - started) / 1e9, (done - set) / 1e9);
        } finally {
            run.close();
        }
    }

    // ---- the three ways of making one call, and the timing ----

    @FunctionalInterface
    private interface Call {
        Object call(int index) throws Exception;
    }

    /** An operation the three ways, and the status its answers must have; {@code function} is its function's logical id. */
    private record Operation(String name, String function, String rawCalls, int status, Call raw, Call handler, Call gateway) {
    }

    private Row time(Operation operation, int warmup, int iterations) throws Exception {
        int total = warmup + iterations;
        long[][] nanos = new long[3][iterations];
        Call[] ways = {operation.raw(), operation.handler(), operation.gateway()};
        CallCounts.reset();
        for (int i = 0; i < total; i++) {
            for (int k = 0; k < 3; k++) {
                // A different way first each iteration, so none always follows the same one.
                int way = (i + k) % 3;
                long start = System.nanoTime();
                Object answer = ways[way].call(i);
                long took = System.nanoTime() - start;
                check(operation, way, answer);
                if (i >= warmup) {
                    nanos[way][i - warmup] = took;
                }
            }
        }
        String counted = perInvocation(CallCounts.snapshot(), operation.function(), 2 * total);
        return new Row(operation.name(), operation.rawCalls(), counted,
                percentile(nanos[0], 50), percentile(nanos[0], 99),
                percentile(nanos[1], 50), percentile(nanos[1], 99),
                percentile(nanos[2], 50), percentile(nanos[2], 99));
    }

    private static void check(Operation operation, int way, Object answer) {
        int status;
        String body;
        if (way == 0) {
            return;
        } else if (way == 1) {
            Map<String, Object> parsed = object((String) answer);
            status = ((Number) parsed.get("statusCode")).intValue();
            body = String.valueOf(parsed.get("body"));
        } else {
            KeptAlive.Answer response = (KeptAlive.Answer) answer;
            status = response.status();
            body = response.body();
        }
        if (status != operation.status()) {
            throw new IllegalStateException(operation.name() + (way == 1 ? " through its handler" : " through the gateway")
                    + " answered " + status + ", not " + operation.status() + ": " + body);
        }
    }

    /** The function's calls per invocation while one operation was timed: handler and gateway both invoke it. */
    private static String perInvocation(Map<String, Long> counts, String function, int invocations) {
        Map<String, Long> own = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (key.startsWith(function + " ")) {
                own.put(key.substring(function.length() + 1), count);
            }
        });
        List<String> parts = new ArrayList<>();
        own.forEach((call, count) -> {
            String name = call.substring(call.indexOf('.') + 1);
            double each = (double) count / invocations;
            parts.add(Math.abs(each - Math.round(each)) < 0.005
                    ? (Math.round(each) == 1 ? name : name + " ×" + Math.round(each))
                    : String.format(Locale.ROOT, "%s ×%.2f", name, each));
        });
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    /** Nearest rank, in milliseconds. */
    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    // ---- the stack, the clients and the operations ----

    private final LocalStack stack;
    private final int perWay;
    private final SdkHttpClient sdkHttp = UrlConnectionHttpClient.builder().build();
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final HttpClient setupHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The timed gateway calls' connection: one plain HTTP/1.1 connection, kept alive, one call at a time. */
    private final KeptAlive timedHttp;
    private final ExecutorService setupPool = Executors.newFixedThreadPool(3);
    private final TransactionIds ids = new TransactionIds(Clock.systemUTC());
    private final String stockTable;
    private final String cartsTable;
    private final String ordersTable;
    private final String paymentRequests;
    private final String shopperToken;
    private final String adminToken;

    private WarmOverhead(LocalStack stack, int perWay) {
        this.stack = stack;
        this.perWay = perWay;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY));
        this.dynamoDb = DynamoDbClient.builder().httpClient(sdkHttp).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials).endpointOverride(stack.dynamoDbEndpoint()).build();
        this.sqs = SqsClient.builder().httpClient(sdkHttp).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials).endpointOverride(stack.sqsEndpoint()).build();
        Map<String, String> tables = stack.tables();
        this.stockTable = tables.get("StockTable");
        this.cartsTable = tables.get("CartsTable");
        this.ordersTable = tables.get("OrdersTable");
        this.paymentRequests = stack.queues().get("PaymentRequests");
        this.shopperToken = stack.tokens().mint(SHOPPER, STOREFRONT, SHOPPER_SCOPES).accessToken();
        this.adminToken = stack.tokens().mint(ADMIN, ADMIN_CLIENT, ADMIN_SCOPES).accessToken();
        this.timedHttp = new KeptAlive(stack.apiEndpoint());
    }

    private void close() {
        timedHttp.close();
        setupPool.shutdownNow();
        dynamoDb.close();
        sqs.close();
        sdkHttp.close();
    }

    private List<Operation> operations() throws Exception {
        return List.of(getStock(), addToCart(), checkout(), pay(), ship());
    }

    private Operation getStock() throws Exception {
        String product = product(1_000);
        LocalFunction function = stack.function("InventoryApiFunction");
        String event = event("GET", "/v2/inventories/{product_id}", "/v2/inventories/" + product, Map.of("product_id", product), null, false);
        byte[] request = KeptAlive.wire("GET", "/v2/inventories/" + product, null, adminToken);
        Map<String, AttributeValue> key = Map.of("product_id", s(product));
        return new Operation("GET stock", "InventoryApiFunction", "GetItem", 200,
                i -> dynamoDb.getItem(g -> g.tableName(stockTable).key(key).consistentRead(true)),
                i -> function.invoke(event),
                i -> timedHttp.send(request));
    }

    private Operation addToCart() throws Exception {
        String product = product(1_000);
        LocalFunction function = stack.function("CartsApiFunction");
        String body = addBody(product);
        List<String> events = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        List<String> rawCarts = new ArrayList<>();
        for (int i = 0; i < perWay; i++) {
            String handlerCart = unique("warm-add-h");
            events.add(event("POST", "/v2/carts/{cart_ref}/items", "/v2/carts/" + handlerCart + "/items",
                    Map.of("cart_ref", handlerCart), body, true));
            requests.add(KeptAlive.wire("POST", "/v2/carts/" + unique("warm-add-g") + "/items", body, shopperToken));
            rawCarts.add(unique("warm-add-r"));
        }
        ProductId productId = new ProductId(product);
        return new Operation("add to cart", "CartsApiFunction", "GetItem + TransactWriteItems (check + put)", 201,
                i -> {
                    String cart = rawCarts.get(i);
                    dynamoDb.getItem(g -> g.tableName(cartsTable).key(Map.of("cart_ref", s(cart))).consistentRead(true));
                    Map<String, AttributeValue> item = Map.of(
                            "cart_ref", s(cart), "owner", s(SHOPPER),
                            "lines", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("product_id", s(product), "quantity", n(1))))),
                            "version", n(1), "updated_at", s(Instant.now().toString()));
                    return dynamoDb.transactWriteItems(t -> t.clientRequestToken(UUID.randomUUID().toString()).transactItems(
                            TransactWriteItem.builder().conditionCheck(StockMoves.availableAtLeast(stockTable, productId, Quantity.of(1))).build(),
                            TransactWriteItem.builder().put(Put.builder().tableName(cartsTable).item(item)
                                    .conditionExpression("attribute_not_exists(#ref)").expressionAttributeNames(Map.of("#ref", "cart_ref"))
                                    .build()).build()));
                },
                i -> function.invoke(events.get(i)),
                i -> timedHttp.send(requests.get(i)));
    }

    private Operation checkout() throws Exception {
        String product = product(1_000);
        LocalFunction function = stack.function("CartsApiFunction");
        List<String> handlerCarts = carts(product, perWay);
        List<String> gatewayCarts = carts(product, perWay);
        List<String> events = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < perWay; i++) {
            events.add(event("POST", "/v2/carts/{cart_ref}/checkout", "/v2/carts/" + handlerCarts.get(i) + "/checkout",
                    Map.of("cart_ref", handlerCarts.get(i)), CHECKOUT_BODY, true));
            requests.add(KeptAlive.wire("POST", "/v2/carts/" + gatewayCarts.get(i) + "/checkout", CHECKOUT_BODY, shopperToken));
        }
        // The raw checkout checks one cart of its own (a check changes nothing) and puts a new order each time,
        // a copy of a real one.
        String rawCart = carts(product, 1).get(0);
        Map<String, AttributeValue> order = orderItem(orders(product, 1).get(0));
        ProductId productId = new ProductId(product);
        return new Operation("checkout", "CartsApiFunction", "GetItem + TransactWriteItems (2 checks + put)", 201,
                i -> {
                    dynamoDb.getItem(g -> g.tableName(cartsTable).key(Map.of("cart_ref", s(rawCart))).consistentRead(true));
                    Map<String, AttributeValue> item = new HashMap<>(order);
                    item.put("order_id", s(ids.next().value()));
                    item.put("cart_ref", s(rawCart));
                    String now = Instant.now().toString();
                    item.put("created_at", s(now));
                    item.put("updated_at", s(now));
                    item.put("version", n(1));
                    return dynamoDb.transactWriteItems(t -> t.clientRequestToken(UUID.randomUUID().toString()).transactItems(
                            TransactWriteItem.builder().conditionCheck(StockMoves.availableAtLeast(stockTable, productId, Quantity.of(1))).build(),
                            TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(cartsTable)
                                    .key(Map.of("cart_ref", s(rawCart)))
                                    .conditionExpression("#version = :version AND #owner = :owner")
                                    .expressionAttributeNames(Map.of("#version", "version", "#owner", "owner"))
                                    .expressionAttributeValues(Map.of(":version", n(1), ":owner", s(SHOPPER))).build()).build(),
                            TransactWriteItem.builder().put(Put.builder().tableName(ordersTable).item(item)
                                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "order_id"))
                                    .build()).build()));
                },
                i -> function.invoke(events.get(i)),
                i -> timedHttp.send(requests.get(i)));
    }

    private Operation pay() throws Exception {
        String product = product(2L * perWay + 10);
        LocalFunction function = stack.function("OrdersApiFunction");
        List<String> handlerOrders = orders(product, perWay);
        List<String> gatewayOrders = orders(product, perWay);
        String body = payBody(PaymentGatewaySimulator.SILENT);
        List<String> events = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < perWay; i++) {
            events.add(event("POST", "/v2/orders/{order_id}/payments", "/v2/orders/" + handlerOrders.get(i) + "/payments",
                    Map.of("order_id", handlerOrders.get(i)), body, true));
            requests.add(KeptAlive.wire("POST", "/v2/orders/" + gatewayOrders.get(i) + "/payments", body, shopperToken));
        }
        // The raw payment allocates a unit of stock of its own and rewrites one real order of its own, at its next version.
        String rawProduct = product(2L * perWay + 10);
        String rawOrder = orders(rawProduct, 1).get(0);
        Attribution attribution = Attribution.by(new Actor(SHOPPER, Optional.of(STOREFRONT)));
        return new Operation("pay", "OrdersApiFunction", "GetItem + TransactWriteItems (update + put) + SendMessage", 202,
                i -> {
                    Map<String, AttributeValue> from = dynamoDb.getItem(g -> g.tableName(ordersTable)
                            .key(Map.of("order_id", s(rawOrder))).consistentRead(true)).item();
                    long version = Long.parseLong(from.get("version").n());
                    String paymentId = ids.next().value();
                    Instant now = Instant.now();
                    StockTransaction allocate = new StockTransaction(ids.next(), new ProductId(rawProduct), StockAction.ALLOCATE,
                            Quantity.of(1), Optional.of(rawOrder), now, attribution.because("payment " + paymentId + " started"));
                    Map<String, AttributeValue> to = new HashMap<>(from);
                    to.put("status", s("PROCESSING"));
                    to.put("payment_id", s(paymentId));
                    to.put("updated_at", s(now.toString()));
                    to.put("version", n(version + 1));
                    dynamoDb.transactWriteItems(t -> t.clientRequestToken(UUID.randomUUID().toString()).transactItems(
                            TransactWriteItem.builder().update(StockMoves.update(stockTable, allocate)).build(),
                            TransactWriteItem.builder().put(Put.builder().tableName(ordersTable).item(to)
                                    .conditionExpression("#version = :version AND #owner = :owner")
                                    .expressionAttributeNames(Map.of("#version", "version", "#owner", "owner"))
                                    .expressionAttributeValues(Map.of(":version", n(version), ":owner", s(SHOPPER))).build()).build()));
                    return sqs.sendMessage(m -> m.queueUrl(paymentRequests).messageBody(Json.write(Json.object(
                            "type", "charge", "order_id", rawOrder, "payment_id", paymentId, "payment", PaymentGatewaySimulator.SILENT))));
                },
                i -> function.invoke(events.get(i)),
                i -> timedHttp.send(requests.get(i)));
    }

    private Operation ship() throws Exception {
        String product = product(2L * perWay + 10);
        LocalFunction function = stack.function("OrdersApiFunction");
        List<String> handlerOrders = orders(product, perWay);
        List<String> gatewayOrders = orders(product, perWay);
        List<String> all = new ArrayList<>(handlerOrders);
        all.addAll(gatewayOrders);
        payAll(all, "tok_visa");
        awaitPaid(all);
        List<String> events = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < perWay; i++) {
            events.add(event("PUT", "/v2/orders/{order_id}", "/v2/orders/" + handlerOrders.get(i),
                    Map.of("order_id", handlerOrders.get(i)), SHIP_BODY, false));
            requests.add(KeptAlive.wire("PUT", "/v2/orders/" + gatewayOrders.get(i), SHIP_BODY, adminToken));
        }
        // The raw shipment takes a unit of allocated stock of its own and rewrites one real order of its own.
        String rawProduct = product(2L * perWay + 10);
        call("POST", "/v2/inventories/" + rawProduct + "/transactions", adminToken,
                "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"allocate\",\"quantity\":" + (perWay + 5) + "}}", 200);
        String rawOrder = orders(rawProduct, 1).get(0);
        Attribution attribution = Attribution.by(new Actor(ADMIN, Optional.of(ADMIN_CLIENT)));
        return new Operation("ship", "OrdersApiFunction", "GetItem + TransactWriteItems (update + put)", 200,
                i -> {
                    Map<String, AttributeValue> from = dynamoDb.getItem(g -> g.tableName(ordersTable)
                            .key(Map.of("order_id", s(rawOrder))).consistentRead(true)).item();
                    long version = Long.parseLong(from.get("version").n());
                    Instant now = Instant.now();
                    StockTransaction decrement = new StockTransaction(ids.next(), new ProductId(rawProduct), StockAction.DECREMENT_ALLOCATED,
                            Quantity.of(1), Optional.of(rawOrder), now, attribution.because("order shipped"));
                    Map<String, AttributeValue> to = new HashMap<>(from);
                    to.put("fulfilled", AttributeValue.fromBool(true));
                    to.put("updated_at", s(now.toString()));
                    to.put("version", n(version + 1));
                    return dynamoDb.transactWriteItems(t -> t.clientRequestToken(UUID.randomUUID().toString()).transactItems(
                            TransactWriteItem.builder().update(StockMoves.update(stockTable, decrement)).build(),
                            TransactWriteItem.builder().put(Put.builder().tableName(ordersTable).item(to)
                                    .conditionExpression("#version = :version")
                                    .expressionAttributeNames(Map.of("#version", "version"))
                                    .expressionAttributeValues(Map.of(":version", n(version))).build()).build()));
                },
                i -> function.invoke(events.get(i)),
                i -> timedHttp.send(requests.get(i)));
    }

    // ---- setup, outside the timed part: through the handlers in this JVM where that is faster ----

    private String product(long quantity) throws IOException, InterruptedException {
        String product = unique("warm");
        call("POST", "/v2/inventories/" + product, adminToken, "{\"data\":{\"type\":\"stock\",\"quantity\":" + quantity + "}}", 201);
        return product;
    }

    /** {@code count} fresh carts of the shopper's, each holding one unit of the product. */
    private List<String> carts(String product, int count) throws Exception {
        LocalFunction carts = stack.function("CartsApiFunction");
        String body = addBody(product);
        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(setupPool.submit(() -> {
                String cart = unique("warm-cart");
                invoke(carts, event("POST", "/v2/carts/{cart_ref}/items", "/v2/carts/" + cart + "/items", Map.of("cart_ref", cart), body, true), 201);
                return cart;
            }));
        }
        List<String> refs = new ArrayList<>();
        for (Future<String> cart : made) {
            refs.add(cart.get());
        }
        return refs;
    }

    /** {@code count} fresh unpaid orders of the shopper's for one unit of the product each. */
    private List<String> orders(String product, int count) throws Exception {
        LocalFunction carts = stack.function("CartsApiFunction");
        List<Future<String>> made = new ArrayList<>();
        for (String cart : carts(product, count)) {
            made.add(setupPool.submit(() -> {
                Map<String, Object> answer = invoke(carts, event("POST", "/v2/carts/{cart_ref}/checkout", "/v2/carts/" + cart + "/checkout",
                        Map.of("cart_ref", cart), CHECKOUT_BODY, true), 201);
                return String.valueOf(data(object(String.valueOf(answer.get("body")))).get("id"));
            }));
        }
        List<String> orderIds = new ArrayList<>();
        for (Future<String> order : made) {
            orderIds.add(order.get());
        }
        return orderIds;
    }

    private void payAll(List<String> orders, String token) throws Exception {
        LocalFunction function = stack.function("OrdersApiFunction");
        String body = payBody(token);
        List<Future<?>> paid = new ArrayList<>();
        for (String order : orders) {
            paid.add(setupPool.submit(() -> invoke(function, event("POST", "/v2/orders/{order_id}/payments", "/v2/orders/" + order + "/payments",
                    Map.of("order_id", order), body, true), 202)));
        }
        for (Future<?> one : paid) {
            one.get();
        }
    }

    /** Waits until the simulated gateway's results have made every order paid. */
    private void awaitPaid(List<String> orders) throws InterruptedException {
        List<String> waiting = new ArrayList<>(orders);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!waiting.isEmpty()) {
            waiting.removeIf(order -> {
                Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(ordersTable)
                        .key(Map.of("order_id", s(order))).consistentRead(true)).item();
                return item.containsKey("paid") && Boolean.TRUE.equals(item.get("paid").bool());
            });
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting.size() + " orders were not paid within 120 s, " + waiting.get(0) + " among them");
            }
            Thread.sleep(200);
        }
    }

    private Map<String, AttributeValue> orderItem(String order) {
        return dynamoDb.getItem(g -> g.tableName(ordersTable).key(Map.of("order_id", s(order))).consistentRead(true)).item();
    }

    private static Map<String, Object> invoke(LocalFunction function, String event, int expected) throws Exception {
        String answer = function.invoke(event);
        Map<String, Object> parsed = object(answer);
        if (!(parsed.get("statusCode") instanceof Number status) || status.intValue() != expected) {
            throw new IllegalStateException(function.name() + " answered " + answer + ", not " + expected);
        }
        return parsed;
    }

    /**
     * An HTTP API payload 2.0 event as the gateway makes it, with the shopper's (or the admin's)
     * claims and scopes as its JWT authorizer puts them.
     */
    private String event(String method, String route, String path, Map<String, String> parameters, String body, boolean shopper) {
        long now = System.currentTimeMillis();
        LocalIssuer issuer = stack.tokens();
        List<String> scopes = shopper ? SHOPPER_SCOPES : ADMIN_SCOPES;
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("aud", issuer.audience());
        claims.put("client_id", shopper ? STOREFRONT : ADMIN_CLIENT);
        claims.put("exp", Long.toString(now / 1000 + 3600));
        claims.put("iat", Long.toString(now / 1000));
        claims.put("iss", issuer.issuer());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("nbf", Long.toString(now / 1000));
        claims.put("scope", String.join(" ", scopes));
        claims.put("sub", shopper ? SHOPPER : ADMIN);
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("claims", claims);
        jwt.put("scopes", scopes);
        Map<String, Object> http = Json.object("method", method, "path", path, "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", "warm-overhead");
        Map<String, Object> context = Json.object("accountId", Intrinsics.ACCOUNT, "apiId", "local", "domainName", "127.0.0.1",
                "domainPrefix", "local", "http", http, "requestId", UUID.randomUUID().toString(), "routeKey", method + " " + route,
                "stage", "$default", "time", "01/Jan/2026:00:00:00 +0000", "timeEpoch", now, "authorizer", Map.of("jwt", jwt));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("host", "127.0.0.1");
        headers.put("user-agent", "warm-overhead");
        return Json.write(Json.object("version", "2.0", "routeKey", method + " " + route, "rawPath", path, "rawQueryString", "",
                "headers", headers, "pathParameters", parameters, "requestContext", context, "body", body, "isBase64Encoded", false));
    }

    private HttpRequest request(String method, String path, String body, String token) {
        return Benchmark.request(stack.apiEndpoint(), method, path, body, token, Duration.ofSeconds(30));
    }

    private Map<String, Object> call(String method, String path, String token, String body, int expected) throws IOException, InterruptedException {
        return Benchmark.expected(method, path, setupHttp.send(request(method, path, body, token), HttpResponse.BodyHandlers.ofString()), expected);
    }

    private static String addBody(String product) {
        return "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":1}}";
    }

    private static String payBody(String token) {
        return "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\"" + token + "\"}}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        try {
            return (Map<String, Object>) Json.parse(json);
        } catch (Json.Malformed | ClassCastException notAnObject) {
            throw new IllegalStateException("not a JSON object: " + json, notAnObject);
        }
    }

    private static Map<String, Object> data(Map<String, Object> document) {
        return Benchmark.data(document);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
