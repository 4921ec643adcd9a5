package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * {@code stockroom-local.jar invoke}: every event of {@code events/} run through it against the
 * running stack answers as the manifest says, and each way of calling it wrongly says why and
 * exits 2.
 */
@ExtendWith(Stack.class)
class InvokeIT {

    private static final Path EVENTS = EventManifest.EVENTS;

    /** What invoke printed and answered. */
    record Ran(int exit, String stdout, String stderr) {
    }

    /** The environment a shell would give invoke to reach the tests' stack, which runs on free ports. */
    private static Map<String, String> env() {
        LocalStack stack = Stack.get();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", stack.dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", stack.sqsEndpoint().toString());
        env.put("STOCKROOM_API_PORT", Integer.toString(stack.apiEndpoint().getPort()));
        env.put("STOCKROOM_TEMPLATE", Path.of(System.getProperty("stockroom.template", "../template.yaml")).toAbsolutePath().toString());
        env.put("PAYMENT_TIMEOUT_SECONDS", Integer.toString(Stack.PAYMENT_TIMEOUT_SECONDS));
        return env;
    }

    private static Ran invoke(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Invoke.run(List.of(args), env, in, o, e);
        }
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Ran invoke(String... args) {
        return invoke(env(), "", args);
    }

    private static List<Map<String, Object>> manifest() throws Exception {
        return EventManifest.entries();
    }

    @Test
    void each_function_gets_the_environment_the_stack_gives_it() throws Exception {
        Template template = Template.read(Path.of(env().get("STOCKROOM_TEMPLATE")));
        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            LocalFunction invoked = Invoke.function(env(), id);
            LocalFunction running = Stack.get().function(id);
            assertThat(invoked.environment()).as(id).isEqualTo(running.environment());
            assertThat(invoked.handler()).as(id).isEqualTo(running.handler());
        }
        assertThat(Invoke.function(env(), "OrdersApiFunction").environment().get("PAYMENT_REQUESTS_QUEUE_URL"))
                .isEqualTo(Stack.get().queues().get("PaymentRequests"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_event_answers_through_invoke_as_the_manifest_says() throws Exception {
        // EventsIT may have run the same events on this stack: start from what they find on a fresh one.
        forgetTheEventsData();
        for (Map<String, Object> entry : manifest()) {
            String file = (String) entry.get("file");
            Ran ran = invoke((String) entry.get("function"), EVENTS.resolve(file).toString());
            assertThat(ran.exit()).as(file + " printed " + ran).isZero();
            assertThat(ran.stdout()).as(file).endsWith("\n").doesNotContain("\r");
            assertThat(ran.stdout().strip()).as(file + ": one line").doesNotContain("\n");
            EventManifest.check(entry, (Map<String, Object>) Json.parse(ran.stdout()));
        }
        List<Map<String, Object>> log = History.all("sample-stream-1");
        assertThat(log).extracting(e -> e.get("action")).containsExactly("allocate", "increment");
        assertThat(log.get(0)).containsEntry("order_id", "order-1");
    }

    /** Whatever ran next on this stack (EventsIT, say) finds none of the events' fixed ids taken. */
    @AfterAll
    static void leaveNoEventsData() {
        if (Stack.get() != null) {
            forgetTheEventsData();
        }
    }

    /**
     * Deletes what the events make under their fixed ids: the stock of sample-1 and sample-2 and
     * its log, the stream sample's log, the sample cart and the orders checked out from it.
     */
    private static void forgetTheEventsData() {
        LocalStack stack = Stack.get();
        Set<String> products = Set.of("sample-1", "sample-2", "sample-stream-1");
        Predicate<Map<String, AttributeValue>> sampleProduct = item -> item.containsKey("product_id") && products.contains(item.get("product_id").s());
        Predicate<Map<String, AttributeValue>> sampleCart = item -> item.containsKey("cart_ref") && "sample-cart".equals(item.get("cart_ref").s());
        try (DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
            deleteWhere(dynamoDb, stack.tables().get("StockTable"), sampleProduct);
            deleteWhere(dynamoDb, stack.tables().get("StockHistoryTable"), sampleProduct);
            deleteWhere(dynamoDb, stack.tables().get("CartsTable"), sampleCart);
            deleteWhere(dynamoDb, stack.tables().get("OrdersTable"), sampleCart);
        }
    }

    private static void deleteWhere(DynamoDbClient dynamoDb, String table, Predicate<Map<String, AttributeValue>> which) {
        List<String> keys = dynamoDb.describeTable(d -> d.tableName(table)).table().keySchema().stream()
                .map(KeySchemaElement::attributeName).toList();
        dynamoDb.scanPaginator(s -> s.tableName(table).consistentRead(true)).items().stream().filter(which).forEach(item -> {
            Map<String, AttributeValue> key = new HashMap<>();
            keys.forEach(name -> key.put(name, item.get(name)));
            dynamoDb.deleteItem(d -> d.tableName(table).key(key));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_dash_reads_the_event_from_standard_input() throws Exception {
        Ran ran = invoke(env(), Files.readString(EVENTS.resolve("inventory-api/list-stock.json")), "InventoryApiFunction", "-");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(((Map<String, Object>) Json.parse(ran.stdout())).get("statusCode")).isEqualTo(200L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_function_error_prints_the_error_document_and_exits_1() throws Exception {
        Ran ran = invoke(env(), "[]", "InventoryApiFunction", "-");
        assertThat(ran.exit()).as(ran.toString()).isEqualTo(1);
        Map<String, Object> error = (Map<String, Object>) Json.parse(ran.stdout());
        assertThat(error).containsEntry("errorType", "java.lang.IllegalArgumentException")
                .containsEntry("errorMessage", "the event is not a JSON object");
        assertThat(ran.stderr()).contains("IllegalArgumentException");
    }

    @Test
    void list_names_each_function_and_its_handler() throws Exception {
        Ran ran = invoke("--list");
        Template template = Template.read(Path.of(env().get("STOCKROOM_TEMPLATE")));
        assertThat(ran.exit()).isZero();
        assertThat(ran.stdout()).contains("InventoryApiFunction  com.stockroom.functions.inventory.InventoryApiHandler\n")
                .contains("PaymentTimeoutsFunction  ");
        assertThat(ran.stdout().lines()).hasSize(template.resources("AWS::Serverless::Function").size());
    }

    @Test
    void an_unknown_function_lists_the_known_ones() {
        Ran ran = invoke("NoSuchFunction", EVENTS.resolve("inventory-api/list-stock.json").toString());
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.stdout()).isEmpty();
        assertThat(ran.stderr()).contains("Unknown function NoSuchFunction").contains("InventoryApiFunction, ").contains("StockHistoryFunction");
    }

    @Test
    void a_missing_event_file_is_named() {
        Ran ran = invoke("InventoryApiFunction", "no/such/event.json");
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.stderr()).contains("Cannot read the event file no/such/event.json: there is no such file");
    }

    @Test
    void a_directory_is_no_event_file() {
        Ran ran = invoke("InventoryApiFunction", EVENTS.toString());
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.stderr()).contains("Cannot read the event file " + EVENTS + ": it is a directory");
    }

    @Test
    void an_event_that_is_not_json_is_refused(@TempDir Path dir) throws Exception {
        Path notJson = Files.writeString(dir.resolve("event.json"), "{\"version\": \"2.0\",");
        Ran ran = invoke("InventoryApiFunction", notJson.toString());
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.stderr()).contains("The event from " + notJson + " is not JSON");
        Ran empty = invoke(env(), "", "InventoryApiFunction", "-");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.stderr()).contains("The event from standard input is empty");
    }

    @Test
    void no_stack_at_the_endpoints_says_which_and_how_to_start_one() throws Exception {
        Map<String, String> env = env();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + freePort());
        Ran ran = invoke(env, "", "InventoryApiFunction", EVENTS.resolve("inventory-api/list-stock.json").toString());
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.stderr()).contains("nothing answers DynamoDB calls at " + env.get("AWS_ENDPOINT_URL_DYNAMODB"))
                .contains("java -jar local/target/stockroom-local.jar");

        env = env();
        env.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + freePort());
        ran = invoke(env, "", "InventoryApiFunction", EVENTS.resolve("inventory-api/list-stock.json").toString());
        assertThat(ran.exit()).isEqualTo(2);
        assertThat(ran.stderr()).contains("nothing answers SQS calls at " + env.get("AWS_ENDPOINT_URL_SQS"));
    }

    @Test
    void wrong_arguments_print_the_usage() {
        for (String[] args : List.of(new String[0], new String[] {"InventoryApiFunction"}, new String[] {"a", "b", "c"})) {
            Ran ran = invoke(args);
            assertThat(ran.exit()).as(List.of(args).toString()).isEqualTo(2);
            assertThat(ran.stderr()).startsWith("usage: java -jar local/target/stockroom-local.jar invoke FUNCTION EVENT.json");
        }
    }

    /** The jar's own entry point: {@code invoke} as the first argument, the answer alone on stdout, the exit code. */
    @Test
    @SuppressWarnings("unchecked")
    void the_stack_main_runs_invoke_in_a_jvm_of_its_own() throws Exception {
        Ran ok = child("InventoryApiFunction", EVENTS.resolve("inventory-api/list-stock.json").toString());
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.stdout().lines()).hasSize(1);
        assertThat(((Map<String, Object>) Json.parse(ok.stdout())).get("statusCode")).isEqualTo(200L);

        Ran unknown = child("NoSuchFunction", "-");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr()).contains("Unknown function NoSuchFunction");
    }

    private static Ran child(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(), "invoke"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env());
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("invoke did not end in 60 seconds");
        }
        return new Ran(process.exitValue(), stdout.get(), stderr.get());
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
