package com.stockroom.local;

import com.stockroom.local.bench.ClassArchive;
import com.stockroom.local.bench.ColdStart;
import com.stockroom.local.bench.Hello;
import com.stockroom.web.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The performance benchmark of issue 8, first part: each function's cold start and size.
 *
 * <p>It starts an embedded local stack of its own on free ports, puts a product, carts and orders
 * in it through the HTTP API, and then, for each function, starts fresh JVMs (the same {@code java}
 * as this one, with the template's {@code JAVA_TOOL_OPTIONS} and the environment the stack gives
 * the function) whose class path is only the function's own jar, {@link ColdStart} and
 * {@code aws-lambda-java-serialization}, as the Java runtime has them. Each JVM builds the handler,
 * answers one event against the stack and exits; its wall time from process start to exit is
 * measured here, over a bare JVM hello ({@link Hello}) started the same way in the same run.
 *
 * <p>Run from the project folder, after {@code mvn -DskipTests package}:
 * {@code java -cp local/target/stockroom-local.jar com.stockroom.local.Benchmark [--runs N] [--only LogicalId] [--java path/to/bin/java]}.
 * It prints one table and one line per target, met or not, with the figure.
 */
public final class Benchmark {

    static final double COLD_START_TARGET = 5.0;
    static final double JAR_TARGET_MB = 12.0;
    static final double PEAK_RSS_TARGET_MB = 160.0;

    /** Each function measured, in the issue's order, with the event it answers. */
    static final Map<String, String> FUNCTIONS = orderedMap(
            "InventoryApiFunction", "GET stock",
            "CartsApiFunction", "list items",
            "OrdersApiFunction", "GET order",
            "PaymentResultsFunction", "one SQS message",
            "StockHistoryFunction", "one stream batch");

    /** What the Java runtime puts beside a function's jar: its serialization library. */
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-serialization.jar");
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    private final LocalStack stack;
    private final Template template;
    private final Path projectRoot;
    private final List<Path> runtimeJars;
    private final String javaCommand;
    private final String javaToolOptions;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final List<String> extraJvmOptions = new ArrayList<>();

    /** Options given to every measured JVM, the baseline's too, on top of the template's. */
    Benchmark withJvmOptions(List<String> options) {
        extraJvmOptions.addAll(options);
        return this;
    }

    Benchmark(LocalStack stack, Template template, Path projectRoot, List<Path> runtimeJars) {
        this(stack, template, projectRoot, runtimeJars, ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    }

    /** With another {@code java} for the measured JVMs than the one running this. */
    Benchmark(LocalStack stack, Template template, Path projectRoot, List<Path> runtimeJars, String javaCommand) {
        this.stack = stack;
        this.template = template;
        this.projectRoot = projectRoot;
        this.runtimeJars = List.copyOf(runtimeJars);
        this.javaCommand = javaCommand;
        Object options = Provisioner.map(Provisioner.map(template.functionGlobals().get("Environment")).get("Variables"))
                .get("JAVA_TOOL_OPTIONS");
        this.javaToolOptions = options == null ? "" : String.valueOf(options);
    }

    /** One function's (or the baseline's) figures. */
    record Row(String name, String event, double wallMedianMs, double archivedWallMedianMs, double peakRssMb, double jarMb,
            String phases) {
    }

    /** The table's rows, the baseline's first. */
    record Result(Row baseline, List<Row> functions, int runs, String javaToolOptions, String java, String javaVersion,
            ClassArchive archive) {

        String table() {
            StringBuilder out = new StringBuilder();
            out.append("Cold start: each function's jar in a fresh JVM, from process start to exit after its first answered event,")
                    .append(" median of ").append(runs).append(" runs\n");
            out.append("JVM: ").append(java).append(" (").append(javaVersion).append("), JAVA_TOOL_OPTIONS=")
                    .append(javaToolOptions).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
            out.append("Class path of each: the function's jar, the runner and aws-lambda-java-serialization, as the Java runtime has them\n");
            out.append("With its archive: ").append(archive.describe()).append(", made by one training run of the function\n");
            out.append('\n');
            out.append("| function | wall, no archive | × bare JVM | wall, with its archive | × bare JVM | peak RSS | jar |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            out.append(String.format(Locale.ROOT, "| bare JVM hello (median of %d, one beside each function's starts) | %.0f ms | 1.0× | - | - | - | - |%n",
                    runs * functions.size(), baseline.wallMedianMs()));
            for (Row row : functions) {
                out.append(String.format(Locale.ROOT, "| %s (%s) | %.0f ms | %.1f× | %.0f ms | %.1f× | %s | %.1f MB |%n", row.name(), row.event(),
                        row.wallMedianMs(), ratio(row), row.archivedWallMedianMs(), archivedRatio(row),
                        row.peakRssMb() < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", row.peakRssMb()), row.jarMb()));
            }
            out.append('\n');
            out.append("Phases of the last start with its archive, in ms:\n");
            for (Row row : functions) {
                out.append("  ").append(row.name()).append(": ").append(row.phases()).append('\n');
            }
            out.append('\n');
            Row slowest = functions.stream().max(Comparator.comparingDouble(this::archivedRatio)).orElseThrow();
            out.append(target(functions.stream().allMatch(r -> archivedRatio(r) <= COLD_START_TARGET),
                    String.format(Locale.ROOT, "cold start ≤ %.0f× a bare JVM for every function, with its archive: worst %s at %.1f×",
                            COLD_START_TARGET, slowest.name(), archivedRatio(slowest))));
            Row slowestBare = functions.stream().max(Comparator.comparingDouble(this::ratio)).orElseThrow();
            out.append(String.format(Locale.ROOT, "         (without an archive: worst %s at %.1f×)%n", slowestBare.name(), ratio(slowestBare)));
            Row largest = functions.stream().max(Comparator.comparingDouble(Row::jarMb)).orElseThrow();
            out.append(target(functions.stream().allMatch(r -> r.jarMb() <= JAR_TARGET_MB),
                    String.format(Locale.ROOT, "jar ≤ %.0f MB for every function: largest %s at %.1f MB",
                            JAR_TARGET_MB, largest.name(), largest.jarMb())));
            Row hungriest = functions.stream().max(Comparator.comparingDouble(Row::peakRssMb)).orElseThrow();
            boolean rssKnown = functions.stream().allMatch(r -> r.peakRssMb() >= 0);
            out.append(target(rssKnown && functions.stream().allMatch(r -> r.peakRssMb() <= PEAK_RSS_TARGET_MB),
                    rssKnown ? String.format(Locale.ROOT, "peak RSS ≤ %.0f MB for every handler JVM: largest %s at %.0f MB",
                            PEAK_RSS_TARGET_MB, hungriest.name(), hungriest.peakRssMb())
                            : String.format(Locale.ROOT, "peak RSS ≤ %.0f MB for every handler JVM: unknown here (no /proc)", PEAK_RSS_TARGET_MB)));
            return out.toString();
        }

        double ratio(Row row) {
            return row.wallMedianMs() / baseline.wallMedianMs();
        }

        double archivedRatio(Row row) {
            return row.archivedWallMedianMs() / baseline.wallMedianMs();
        }

        private static String target(boolean met, String what) {
            return (met ? "MET      " : "NOT MET  ") + what + "\n";
        }
    }

    /** Measures the named functions' cold starts ({@code runs} each) and the bare JVM's, interleaved. */
    Result coldStarts(List<String> logicalIds, int runs) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("stockroom-bench");
        Thread reaper = new Thread(this::destroyRunning, "benchmark-children");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            Path runner = runnerClasses(work.resolve("runner"));
            Map<String, List<Path>> events = new LinkedHashMap<>();
            for (String id : logicalIds) {
                // One to train the function's class archive, then one for each timed start, with and without it.
                events.put(id, events(id, 2 * runs + 1, work.resolve("events")));
            }
            Map<String, List<Long>> walls = new LinkedHashMap<>();
            Map<String, List<Long>> archivedWalls = new LinkedHashMap<>();
            Map<String, Long> peakRss = new HashMap<>();
            Map<String, String> phases = new HashMap<>();
            // Once untimed, so the first timed JVM does not pay for reading the JDK from disk.
            String javaVersion = launch(work, List.of(runner), Map.of(), List.of(), Hello.class.getName(), List.of()).stdout().strip();
            ClassArchive archive = ClassArchive.forJavaVersion(javaVersion);
            Map<String, Path> archives = new HashMap<>();
            for (String id : logicalIds) {
                Path file = work.resolve(name(id) + archive.extension());
                checkAnswered(id, coldStart(work, id, runner, archive.training(file), events.get(id).get(0)));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("the training run of " + id + " made no archive " + file);
                }
                archives.put(id, file);
            }
            for (int run = 1; run <= runs; run++) {
                for (String id : logicalIds) {
                    // The baseline beside every function's starts, so a noisy moment moves both alike
                    // and the baseline's median rests on as many starts as the functions' together.
                    walls.computeIfAbsent("", k -> new ArrayList<>()).add(
                            launch(work, List.of(runner), Map.of(), List.of(), Hello.class.getName(), List.of()).wallNanos());
                    Launch plain = coldStart(work, id, runner, List.of(), events.get(id).get(2 * run - 1));
                    walls.computeIfAbsent(id, k -> new ArrayList<>()).add(plain.wallNanos());
                    peakRss.merge(id, plain.peakRssKb(), Math::max);
                    Launch archived = coldStart(work, id, runner, archive.use(archives.get(id)), events.get(id).get(2 * run));
                    archivedWalls.computeIfAbsent(id, k -> new ArrayList<>()).add(archived.wallNanos());
                    archived.stdout().lines().filter(line -> line.startsWith(ColdStart.PHASES)).forEach(line -> {
                        String[] ms = line.substring(ColdStart.PHASES.length()).strip().split(" ");
                        long init = Long.parseLong(ms[0]);
                        long invoke = Long.parseLong(ms[1]);
                        phases.put(id, String.format(Locale.ROOT, "JVM start and exit %d, init %d, first answer %d",
                                archived.wallNanos() / 1_000_000 - init - invoke, init, invoke));
                    });
                    peakRss.merge(id, archived.peakRssKb(), Math::max);
                }
            }
            Row baseline = new Row("bare JVM hello", "", medianMs(walls.get("")), medianMs(walls.get("")), -1, 0, "");
            List<Row> rows = new ArrayList<>();
            for (String id : logicalIds) {
                long rss = peakRss.getOrDefault(id, -1L);
                rows.add(new Row(name(id), FUNCTIONS.getOrDefault(id, "one event"), medianMs(walls.get(id)), medianMs(archivedWalls.get(id)),
                        rss < 0 ? -1 : rss * 1024 / 1e6, Files.size(jar(id)) / 1e6, phases.getOrDefault(id, "")));
            }
            return new Result(baseline, rows, runs, javaToolOptions, javaCommand, javaVersion, archive);
        } finally {
            destroyRunning();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            deleteTree(work);
        }
    }

    private record Launch(long wallNanos, String stdout, String stderr, long peakRssKb) {
    }

    /** One cold start of a function: its jar, the runner and the runtime's jars, the function's environment. */
    private Launch coldStart(Path work, String id, Path runner, List<String> jvmOptions, Path event) throws IOException, InterruptedException {
        LocalFunction function = stack.function(id);
        List<Path> classPath = new ArrayList<>(List.of(jar(id), runner));
        classPath.addAll(runtimeJars);
        // As deployed: without the local stack's instrumentation (call counting, fault injection at rate 0).
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.remove("STOCKROOM_COUNT_CALLS");
        environment.remove("STOCKROOM_FAULT_RATE");
        Launch launch = launch(work, classPath, environment, jvmOptions, ColdStart.class.getName(),
                List.of(function.handler(), event.toString()));
        checkAnswered(id, launch);
        return launch;
    }

    private Launch launch(Path work, List<Path> classPath, Map<String, String> environment, List<String> jvmOptions, String mainClass,
            List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaCommand));
        command.addAll(extraJvmOptions);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        // The function's environment only, as Lambda gives it: nothing leaks in from this shell.
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (!javaToolOptions.isBlank()) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        running.add(process);
        try {
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(mainClass + " " + args + " did not exit within " + CHILD_TIMEOUT_SECONDS + " s");
            }
        } finally {
            running.remove(process);
        }
        long wall = System.nanoTime() - started;
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " " + args + " exited with " + process.exitValue() + ":\n" + stdout + stderr);
        }
        long rss = -1;
        for (String line : stdout.split("\n")) {
            if (line.startsWith(ColdStart.PEAK_RSS)) {
                rss = Long.parseLong(line.substring(ColdStart.PEAK_RSS.length()).strip());
            }
        }
        return new Launch(wall, stdout, stderr, rss);
    }

    /** The event must have been answered as a success: a 200, or no batch item failures. */
    @SuppressWarnings("unchecked")
    private static void checkAnswered(String id, Launch launch) {
        String answer = launch.stdout().lines().filter(l -> l.startsWith("{")).reduce((first, last) -> last).orElse("");
        boolean ok;
        try {
            Map<String, Object> parsed = (Map<String, Object>) Json.parse(answer);
            ok = parsed.containsKey("statusCode") ? Long.valueOf(200).equals(parsed.get("statusCode"))
                    : parsed.get("batchItemFailures") instanceof List<?> failures && failures.isEmpty();
        } catch (Json.Malformed | ClassCastException notAnAnswer) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalStateException(id + " did not answer its event as a success:\n" + launch.stdout() + launch.stderr());
        }
    }

    private Path jar(String logicalId) {
        Object codeUri = template.resources("AWS::Serverless::Function").get(logicalId).get("CodeUri");
        return projectRoot.resolve(String.valueOf(codeUri));
    }

    /** The function's name as its jar says it: {@code inventory-api}. */
    private String name(String logicalId) {
        String file = jar(logicalId).getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    /**
     * The child JVMs' own classes, copied out of this one's class path into a jar of their own (a
     * class archive takes classes from jars only, not from folders).
     */
    private static Path runnerClasses(Path folder) throws IOException {
        Path jar = folder.resolveSibling("runner.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(ColdStart.class, Hello.class)) {
                List<String> names = new ArrayList<>(List.of(type.getSimpleName()));
                if (type == ColdStart.class) {
                    names.add("ColdStart$MinimalContext");
                }
                for (String name : names) {
                    String resource = type.getPackageName().replace('.', '/') + "/" + name + ".class";
                    try (InputStream in = Benchmark.class.getClassLoader().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IOException("no " + resource + " on the class path");
                        }
                        out.putNextEntry(new java.util.jar.JarEntry(resource));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    // ---- the data each function answers against, put in through the HTTP API ----

    private List<Path> events(String logicalId, int runs, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        List<String> events = switch (logicalId) {
            case "InventoryApiFunction" -> {
                String product = product(10);
                yield repeat(runs, fixture("inventory-api/get-stock.json").replace("sample-1", product));
            }
            case "CartsApiFunction" -> {
                String cart = cartWith(product(10));
                yield repeat(runs, fixture("carts-api/list-cart-items.json").replace("sample-cart", cart));
            }
            case "OrdersApiFunction" -> {
                String order = order(product(10));
                yield repeat(runs, fixture("orders-api/get-order.json").replace("01KBE3Z5N2X0AY6W3R0M5T9H7E", order));
            }
            case "PaymentResultsFunction" -> {
                // A payment in progress per run, so each run completes an order rather than repeating one.
                String product = product(10 * runs);
                List<String> results = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    String order = order(product);
                    Map<String, Object> paying = call("POST", "/v2/orders/" + order + "/payments", shopper(),
                            "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\"" + PaymentGatewaySimulator.SILENT + "\"}}", 202);
                    String payment = String.valueOf(data(paying).get("payment_id"));
                    results.add(fixture("payment-results/payment-result.json")
                            .replace("01KBE3Z5N2X0AY6W3R0M5T9H7E", order).replace("01KBE3Z5N2X0AY6W3R0M5T9H7F", payment));
                }
                yield results;
            }
            case "StockHistoryFunction" -> {
                // A product of its own per run, so each batch is written to the history, not found there already.
                List<String> batches = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    batches.add(fixture("stock-history/stock-changes.json").replace("sample-stream-1", unique("bench-stream")));
                }
                yield batches;
            }
            default -> throw new IllegalArgumentException("the benchmark has no event for " + logicalId);
        };
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Path file = folder.resolve(logicalId + "-" + i + ".json");
            Files.writeString(file, events.get(i));
            files.add(file);
        }
        return files;
    }

    // ---- single operations, for the round-trip counts ----

    void pay(String order, String paymentToken) throws IOException, InterruptedException {
        call("POST", "/v2/orders/" + order + "/payments", shopper(),
                "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\",\"payment\":\"" + paymentToken + "\"}}", 202);
    }

    void ship(String order) throws IOException, InterruptedException {
        call("PUT", "/v2/orders/" + order, stack.tokens().mint("back-office-admin", "stockroom-admin", List.of("orders:write")).accessToken(),
                "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}", 200);
    }

    void cancel(String order) throws IOException, InterruptedException {
        call("PUT", "/v2/orders/" + order, stack.tokens().mint("back-office-admin", "stockroom-admin", List.of("orders:write")).accessToken(),
                "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}", 200);
    }

    void add(String cart, String product) throws IOException, InterruptedException {
        call("POST", "/v2/carts/" + cart + "/items", shopper(), "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":1}}", 201);
    }

    void checkout(String cart) throws IOException, InterruptedException {
        call("POST", "/v2/carts/" + cart + "/checkout", shopper(), CHECKOUT_BODY, 201);
    }

    void move(String product) throws IOException, InterruptedException {
        call("POST", "/v2/inventories/" + product + "/transactions", admin(),
                "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"allocate\",\"quantity\":1}}", 200);
    }

    /** Waits (up to 20 s) for the gateway simulator's result to have made the order paid. */
    @SuppressWarnings("unchecked")
    void awaitPaid(String order) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Map<String, Object> read = data(call("GET", "/v2/orders/" + order, shopper(), "", 200));
            if ("paid".equals(read.get("payment"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("order " + order + " was not paid within 20 s");
    }

    String product(long quantity) throws IOException, InterruptedException {
        String product = unique("bench");
        call("POST", "/v2/inventories/" + product, admin(), "{\"data\":{\"type\":\"stock\",\"quantity\":" + quantity + "}}", 201);
        return product;
    }

    private String cartWith(String product) throws IOException, InterruptedException {
        String cart = unique("bench-cart");
        call("POST", "/v2/carts/" + cart + "/items", shopper(), "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":1}}", 201);
        return cart;
    }

    private static final String CHECKOUT_BODY = "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann Smith\"},"
            + "\"shipping_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"},"
            + "\"billing_address\":{\"first_name\":\"Ann\",\"line_1\":\"1 Main St\",\"city\":\"Oslo\",\"country\":\"NO\"}}}";

    String order(String product) throws IOException, InterruptedException {
        String cart = cartWith(product);
        Map<String, Object> order = call("POST", "/v2/carts/" + cart + "/checkout", shopper(), CHECKOUT_BODY, 201);
        return String.valueOf(data(order).get("id"));
    }

    /** The admin of the inventory fixtures. */
    private String admin() {
        return stack.tokens().mint("back-office-admin", "stockroom-admin", List.of("inventory:read", "inventory:write")).accessToken();
    }

    /** The shopper of the carts and orders fixtures. */
    private String shopper() {
        return stack.tokens().mint("shopper-ann", "storefront-web", List.of("carts", "orders")).accessToken();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(stack.apiEndpoint().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build();
        return expected(method, path, http.send(request, HttpResponse.BodyHandlers.ofString()), expected);
    }

    /** A request to the local gateway with a bearer token, and a JSON body if there is one. */
    static HttpRequest request(URI api, String method, String path, String body, String token, java.time.Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).timeout(timeout);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return builder.build();
    }

    /** The answer's JSON document, if it has the status expected of it; a setup step that went wrong ends the measurement. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> expected(String method, String path, HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ", not " + expected + ": " + response.body());
        }
        try {
            return (Map<String, Object>) Json.parse(response.body());
        } catch (Json.Malformed malformed) {
            throw new IllegalStateException(method + " " + path + " answered no JSON: " + response.body(), malformed);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> document) {
        return (Map<String, Object>) document.get("data");
    }

    private String fixture(String file) throws IOException {
        return Files.readString(projectRoot.resolve("events").resolve(file));
    }

    private static List<String> repeat(int times, String event) {
        return Collections.nCopies(times, event);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void destroyRunning() {
        for (Process process : running) {
            process.destroyForcibly();
        }
    }

    private static double medianMs(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** {@code local/target/lambda-runtime/*.jar}, which the build puts beside this jar (or beside target/classes). */
    static List<Path> runtimeJars() {
        Path folder;
        String given = System.getProperty("stockroom.lambda.runtime");
        if (given != null) {
            folder = Path.of(given);
        } else {
            try {
                folder = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent().resolve("lambda-runtime");
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return RUNTIME_JARS.stream().map(folder::resolve).toList();
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        List<String> only = new ArrayList<>();
        String java = null;
        List<String> jvmOptions = new ArrayList<>();
        boolean coldOnly = false;
        boolean hotOnly = false;
        int warmup = 100;
        int iterations = 200;
        int hotRounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only.add(args[++i]);
                case "--java" -> java = args[++i];
                case "--jvm-option" -> jvmOptions.add(args[++i]);
                case "--cold-only" -> coldOnly = true;
                case "--hot-only" -> hotOnly = true;
                case "--warm" -> {
                    warmup = Integer.parseInt(args[++i]);
                    iterations = Integer.parseInt(args[++i]);
                }
                case "--hot-rounds" -> hotRounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: Benchmark [--runs N] [--only LogicalId]... [--java path/to/bin/java] [--jvm-option -XX:...]... [--cold-only | --hot-only] [--warm WARMUP ITERATIONS] [--hot-rounds N]   (from the project folder)");
                    System.exit(2);
                }
            }
        }
        Path templateFile = Path.of(System.getenv().getOrDefault("STOCKROOM_TEMPLATE", "template.yaml")).toAbsolutePath();
        if (!Files.isRegularFile(templateFile)) {
            System.err.println("no template.yaml here: run the benchmark from the project folder (or set STOCKROOM_TEMPLATE)");
            System.exit(2);
        }
        List<Path> runtime = runtimeJars();
        for (Path jar : runtime) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("no " + jar + ": build first with mvn -DskipTests package");
                System.exit(2);
            }
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        // Always the embedded emulators on free ports, with no faults and the template's own schedule.
        List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "STOCKROOM_FAULT_RATE", "STOCKROOM_SCHEDULE_SECONDS")
                .forEach(env::remove);
        env.put("STOCKROOM_API_PORT", "0");
        env.put("STOCKROOM_DYNAMODB_PORT", "0");
        env.put("STOCKROOM_SQS_PORT", "0");
        env.put("STOCKROOM_TEMPLATE", templateFile.toString());
        Template template = Template.read(templateFile);
        List<String> functions = only.isEmpty() ? List.copyOf(FUNCTIONS.keySet()) : only;
        if (java == null) {
            java = javaFor(String.valueOf(template.functionGlobals().get("Runtime")));
        }
        StringBuilder report = new StringBuilder();
        // The functions' and the event bus's log lines (thousands here) would bury the tables: dropped.
        com.stockroom.common.Telemetry.sink(line -> { });
        LocalEventBus.logTo(line -> { });
        try (LocalStack stack = LocalStack.start(LocalStack.Options.fromEnvironment(env))) {
            // Stopped on Ctrl-C too: close() is idempotent.
            Thread stopStack = new Thread(stack::close, "benchmark-stack");
            Runtime.getRuntime().addShutdownHook(stopStack);
            Benchmark benchmark = new Benchmark(stack, template, templateFile.getParent(), runtime, java).withJvmOptions(jvmOptions);
            if (hotOnly) {
                report.append(HotSku.measure(stack, HotSku.WARMUP_ROUNDS, hotRounds).table());
            } else {
                report.append(benchmark.coldStarts(functions, runs).table());
            }
            if (!coldOnly && !hotOnly) {
                report.append('\n').append(RoundTrips.measure(stack, benchmark, templateFile.getParent()).table());
                report.append('\n').append(WarmOverhead.measure(stack, warmup, iterations).table());
                report.append('\n').append(HotSku.measure(stack, HotSku.WARMUP_ROUNDS, hotRounds).table());
            }
            Runtime.getRuntime().removeShutdownHook(stopStack);
        }
        System.out.println();
        System.out.print(report);
    }

    /**
     * The {@code java} of the template's runtime ({@code java25}: a JDK 25), found among the JDKs
     * installed beside this one; this one's when it is that version or none is found.
     */
    static String javaFor(String lambdaRuntime) {
        String self = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!lambdaRuntime.matches("java[0-9]+")) {
            return self;
        }
        int feature = Integer.parseInt(lambdaRuntime.substring("java".length()));
        if (Runtime.version().feature() == feature) {
            return self;
        }
        Path jvms = Path.of(System.getProperty("java.home")).getParent();
        try (Stream<Path> installed = Files.list(jvms)) {
            Optional<Path> match = installed.sorted()
                    .filter(home -> home.getFileName().toString().matches("(.*\\D)?" + feature + "(\\D.*)?"))
                    .map(home -> home.resolve("bin").resolve("java")).filter(Files::isExecutable).findFirst();
            if (match.isPresent()) {
                return match.get().toString();
            }
        } catch (IOException unreadable) {
            // fall through to this JVM
        }
        System.err.println("no JDK " + feature + " beside " + jvms + " for the template's " + lambdaRuntime + ": measuring this JVM's, "
                + Runtime.version() + " (give another with --java)");
        return self;
    }
}
