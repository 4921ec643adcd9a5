package com.stockroom.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole stack on loopback, from template.yaml: Dynoxide for DynamoDB (or another emulator
 * named by {@code AWS_ENDPOINT_URL_DYNAMODB}), embedded ElasticMQ for SQS (or
 * {@code AWS_ENDPOINT_URL_SQS}), the template's tables and queues, its HTTP API routes served by
 * a local gateway, and its stream event sources polled, all calling the handler classes the
 * template names, as AWS would. The gateway enforces the template's JWT authorizer and scopes,
 * and the stack is its own token issuer ({@link #tokens()}): the template's {@code JwtIssuer}
 * parameter is the gateway's own URL.
 */
public final class LocalStack implements AutoCloseable {

    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";

    /** The template parameter that names the token issuer: locally, the gateway itself. */
    static final String JWT_ISSUER_PARAMETER = "JwtIssuer";

    /** The audience of local tokens when the template has no JWT authorizer to name one. */
    private static final String FALLBACK_AUDIENCE = "stockroom";

    /**
     * Where everything listens and what it runs; a port of 0 means any free one. {@code clients}
     * are the Elastic Path clients the local issuer knows.
     */
    public record Options(Template template, int apiPort, int dynamoDbPort, int sqsPort,
                          Optional<URI> dynamoDbEndpoint, Optional<URI> sqsEndpoint, Path dynoxideBinary,
                          Map<String, String> parameters, Optional<Duration> scheduleEvery, IssuerEndpoints.Clients clients,
                          double faultRate) {

        public Options {
            if (!(faultRate >= 0 && faultRate <= 1)) {
                throw new IllegalArgumentException("STOCKROOM_FAULT_RATE must be a share from 0 to 1, not " + faultRate);
            }
        }

        /** With the default local clients and no injected faults. */
        public Options(Template template, int apiPort, int dynamoDbPort, int sqsPort,
                       Optional<URI> dynamoDbEndpoint, Optional<URI> sqsEndpoint, Path dynoxideBinary,
                       Map<String, String> parameters, Optional<Duration> scheduleEvery) {
            this(template, apiPort, dynamoDbPort, sqsPort, dynamoDbEndpoint, sqsEndpoint, dynoxideBinary, parameters, scheduleEvery,
                    IssuerEndpoints.Clients.DEFAULTS, 0);
        }

        /** With no injected faults. */
        public Options(Template template, int apiPort, int dynamoDbPort, int sqsPort,
                       Optional<URI> dynamoDbEndpoint, Optional<URI> sqsEndpoint, Path dynoxideBinary,
                       Map<String, String> parameters, Optional<Duration> scheduleEvery, IssuerEndpoints.Clients clients) {
            this(template, apiPort, dynamoDbPort, sqsPort, dynamoDbEndpoint, sqsEndpoint, dynoxideBinary, parameters, scheduleEvery,
                    clients, 0);
        }

        public static Options fromEnvironment(Map<String, String> env) throws IOException {
            Map<String, String> parameters = new HashMap<>();
            Optional.ofNullable(env.get("PAYMENT_TIMEOUT_SECONDS")).filter(v -> !v.isBlank())
                    .ifPresent(seconds -> parameters.put("PaymentTimeoutSeconds", seconds.strip()));
            Optional.ofNullable(env.get("JWT_AUDIENCE")).filter(v -> !v.isBlank())
                    .ifPresent(audience -> parameters.put("JwtAudience", audience.strip()));
            return new Options(
                    template(env),
                    port(env, "STOCKROOM_API_PORT", 3000),
                    port(env, "STOCKROOM_DYNAMODB_PORT", 8000),
                    port(env, "STOCKROOM_SQS_PORT", 9324),
                    endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"),
                    endpoint(env, "AWS_ENDPOINT_URL_SQS"),
                    dynoxide(env),
                    parameters,
                    Optional.ofNullable(env.get("STOCKROOM_SCHEDULE_SECONDS")).filter(v -> !v.isBlank())
                            .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))),
                    IssuerEndpoints.Clients.fromEnvironment(env),
                    faultRate(env));
        }

        /** The share of the functions' DynamoDB and SQS calls that fail as AWS's can: off unless asked for. */
        private static double faultRate(Map<String, String> env) {
            String value = env.get("STOCKROOM_FAULT_RATE");
            if (value == null || value.isBlank()) {
                return 0;
            }
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("STOCKROOM_FAULT_RATE must be a share from 0 to 1, not " + value);
            }
        }

        /** The embedded stack on free ports, as the tests run it. */
        public static Options embedded(Template template, Path dynoxideBinary, Map<String, String> parameters, Optional<Duration> scheduleEvery) {
            return new Options(template, 0, 0, 0, Optional.empty(), Optional.empty(), dynoxideBinary, parameters, scheduleEvery);
        }

        private static Template template(Map<String, String> env) throws IOException {
            Optional<Path> given = Optional.ofNullable(env.get("STOCKROOM_TEMPLATE")).map(Path::of);
            if (given.isPresent()) {
                return Template.read(given.get());
            }
            Path here = Path.of("template.yaml");
            if (Files.isRegularFile(here)) {
                return Template.read(here);
            }
            Optional<Path> besideJar = jarDirectory().map(dir -> dir.resolve("../../template.yaml").normalize()).filter(Files::isRegularFile);
            if (besideJar.isPresent()) {
                return Template.read(besideJar.get());
            }
            try (InputStream bundled = LocalStack.class.getResourceAsStream("/template.yaml")) {
                if (bundled == null) {
                    throw new IOException("no template.yaml: run from the project folder or set STOCKROOM_TEMPLATE");
                }
                return Template.read(bundled);
            }
        }

        private static Path dynoxide(Map<String, String> env) {
            if (env.get("DYNOXIDE_BIN") != null) {
                return Path.of(env.get("DYNOXIDE_BIN"));
            }
            Path relative = Path.of("node_modules", "@dynoxide", "linux-x64", "dynoxide");
            List<Path> candidates = new ArrayList<>();
            jarDirectory().ifPresent(dir -> candidates.add(dir.resolve("..").resolve(relative).normalize()));
            candidates.add(Path.of("local").resolve(relative));
            candidates.add(relative);
            return candidates.stream().filter(Files::isExecutable).findFirst().orElse(candidates.get(0));
        }

        private static Optional<Path> jarDirectory() {
            try {
                Path code = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return Optional.of(Files.isDirectory(code) ? code : code.getParent());
            } catch (URISyntaxException | RuntimeException unknown) {
                return Optional.empty();
            }
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        }

        private static Optional<URI> endpoint(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
                    .filter(v -> !v.isBlank()).map(URI::create);
        }
    }

    private final List<AutoCloseable> parts = new ArrayList<>();
    private URI dynamoDbEndpoint;
    private URI sqsEndpoint;
    private HttpGateway gateway;
    private LocalIssuer issuer;
    private Provisioner provisioner;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private SdkHttpClient http;
    private double faultRate;
    private PaymentGatewaySimulator gatewaySimulator;

    private LocalStack() {
    }

    /**
     * Every function runs in this one JVM, as many concurrent Lambda instances at once, and the
     * JDK keeps only 5 idle connections per host alive between them ({@code http.maxConnections}):
     * under concurrency the rest would each open and close a connection per call. Each Lambda
     * instance serves one request at a time, so on AWS one connection per instance suffices.
     * Read once, when the JDK's connection cache is first used: set before anything connects.
     */
    static void keepConnectionsAlive() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    public static LocalStack start(Options options) throws IOException, InterruptedException {
        keepConnectionsAlive();
        LocalStack stack = new LocalStack();
        try {
            stack.boot(options);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            stack.close();
            throw failed;
        }
    }

    private void boot(Options options) throws IOException, InterruptedException {
        // The API's port first: the issuer URL names it, and the template is resolved with that URL.
        gateway = bindGateway(options.apiPort());
        parts.add(gateway);
        if (options.dynamoDbEndpoint().isEmpty()) {
            ensureFree(options.dynamoDbPort());
        }
        if (options.sqsEndpoint().isEmpty()) {
            ensureFree(options.sqsPort());
        }
        if (options.dynamoDbEndpoint().isPresent()) {
            dynamoDbEndpoint = options.dynamoDbEndpoint().get();
        } else {
            Dynoxide dynoxide = Dynoxide.start(options.dynoxideBinary(), freeIfZero(options.dynamoDbPort()));
            parts.add(dynoxide);
            dynamoDbEndpoint = dynoxide.endpoint();
        }
        if (options.sqsEndpoint().isPresent()) {
            sqsEndpoint = options.sqsEndpoint().get();
        } else {
            EmbeddedSqs sqs = EmbeddedSqs.start(freeIfZero(options.sqsPort()));
            parts.add(sqs);
            sqsEndpoint = sqs.endpoint();
        }
        http = UrlConnectionHttpClient.builder().build();
        DynamoDbClient dynamoDb = dynamoDbClient();
        SqsClient sqs = sqsClient();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().httpClient(http).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials()).endpointOverride(dynamoDbEndpoint).build();
        parts.add(dynamoDb);
        parts.add(sqs);
        parts.add(streams);

        Template template = options.template();
        Map<String, String> parameters = new HashMap<>(options.parameters());
        parameters.put(JWT_ISSUER_PARAMETER, apiEndpoint().toString());
        Intrinsics intrinsics = new Intrinsics(template, parameters);
        provisioner = new Provisioner(template, intrinsics, dynamoDb, sqs);
        provisioner.provision();

        HttpApis apis = HttpApis.read(template, intrinsics);
        Clock clock = Clock.systemUTC();
        issuer = new LocalIssuer(apiEndpoint().toString(), apis.audience().orElse(FALLBACK_AUDIENCE), clock);
        Map<JwtAuthorizer.Configuration, JwtAuthorizer> authorizers = new HashMap<>();

        List<HttpGateway.Route> routes = new ArrayList<>();
        List<StreamPoller.Source> streamSources = new ArrayList<>();
        List<QueuePoller.Source> queueSources = new ArrayList<>();
        List<Schedules.Source> schedules = new ArrayList<>();
        Map<String, Object> globals = template.functionGlobals();
        template.resources("AWS::Serverless::Function").forEach((id, properties) -> {
            LocalFunction function = function(id, properties, globals, intrinsics, options.faultRate());
            faultRate = options.faultRate();
            functions.put(id, function);
            Template.mapOfMaps(properties.get("Events")).forEach((eventId, event) -> {
                Map<String, Object> p = Template.properties(event);
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> {
                        HttpApis.Access access = apis.access(p);
                        routes.add(new HttpGateway.Route(
                                String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(java.util.Locale.ROOT),
                                String.valueOf(p.getOrDefault("Path", "$default")), function,
                                access.authorizer().map(c -> authorizers.computeIfAbsent(c, k -> new JwtAuthorizer(k, issuer.publicKeys(), clock))),
                                access.scopes()));
                    }
                    case "DynamoDB" -> streamSources.add(new StreamPoller.Source(
                            intrinsics.string(p.get("Stream")),
                            intValue(p.get("BatchSize"), 100),
                            ShardIteratorType.fromValue(String.valueOf(p.getOrDefault("StartingPosition", "TRIM_HORIZON"))),
                            intValue(p.get("MaximumRetryAttempts"), 10),
                            onFailureQueue(p, intrinsics),
                            function));
                    case "SQS" -> {
                        String arn = intrinsics.string(p.get("Queue"));
                        queueSources.add(new QueuePoller.Source(provisioner.queueUrlsByArn.get(arn), arn,
                                intValue(p.get("BatchSize"), 10), function));
                    }
                    case "Schedule" -> schedules.add(new Schedules.Source(id + "-" + eventId,
                            options.scheduleEvery().orElseGet(() -> Schedules.rate(intrinsics.string(p.get("Schedule")))), function));
                    default -> System.err.println("the local stack does not run " + event.get("Type") + " events (" + id + "." + eventId + ")");
                }
            });
        });
        functions.values().forEach(LocalFunction::init);
        for (StreamPoller.Source source : streamSources) {
            parts.add(StreamPoller.start(source, streams, sqs));
        }
        for (QueuePoller.Source source : queueSources) {
            parts.add(QueuePoller.start(source, sqs));
        }
        parts.add(new Schedules(schedules));
        if (provisioner.queues.containsKey("PaymentRequests") && provisioner.queues.containsKey("PaymentResults")) {
            gatewaySimulator = new PaymentGatewaySimulator(sqs, provisioner.queues.get("PaymentRequests"), provisioner.queues.get("PaymentResults"));
            parts.add(gatewaySimulator);
        }
        gateway.serve(routes, apis.cors(), new IssuerEndpoints(issuer, apis.scopes(), options.clients()));
    }

    private static HttpGateway bindGateway(int port) throws IOException {
        try {
            return HttpGateway.bind(port);
        } catch (java.net.BindException inUse) {
            throw new java.net.BindException("port " + port + " on 127.0.0.1");
        }
    }

    private LocalFunction function(String id, Map<String, Object> properties, Map<String, Object> globals, Intrinsics intrinsics,
                                   double faultRate) {
        return function(id, properties, globals, intrinsics, faultRate, dynamoDbEndpoint, sqsEndpoint, apiEndpoint());
    }

    /**
     * A function of the template as the local stack runs it: its handler, timeout and memory, and
     * its environment (the template's variables resolved, the region, credentials and endpoints of
     * the emulators, EventBridge at the gateway's port ({@link LocalEventBus}), the fault
     * injector's rate and call counting). {@code invoke} builds its function the same way.
     */
    static LocalFunction function(String id, Map<String, Object> properties, Map<String, Object> globals, Intrinsics intrinsics,
                                  double faultRate, URI dynamoDbEndpoint, URI sqsEndpoint, URI eventsEndpoint) {
        Map<String, String> environment = new LinkedHashMap<>();
        // Locally the functions' AWS calls always pass the fault injector; it fails none unless asked to.
        environment.put("STOCKROOM_FAULT_RATE", Double.toString(faultRate));
        // ... and are counted by operation, so the round trips each costs can be read (CallCounts).
        environment.put("STOCKROOM_COUNT_CALLS", "true");
        environment.put("AWS_REGION", Intrinsics.REGION);
        environment.put("AWS_DEFAULT_REGION", Intrinsics.REGION);
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", id);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        environment.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        // Lambda hands the function its LoggingConfig (Globals' merged with its own) as these two.
        Map<String, Object> logging = new LinkedHashMap<>(Provisioner.map(globals.get("LoggingConfig")));
        logging.putAll(Provisioner.map(properties.get("LoggingConfig")));
        if ("JSON".equals(logging.get("LogFormat"))) {
            environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            if (logging.get("ApplicationLogLevel") != null) {
                environment.put("AWS_LAMBDA_LOG_LEVEL", intrinsics.string(logging.get("ApplicationLogLevel")));
            }
        }
        environment.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventsEndpoint.toString());
        for (Map<String, Object> source : List.of(globals, properties)) {
            Map<String, Object> variables = Provisioner.map(Provisioner.map(source.get("Environment")).get("Variables"));
            variables.forEach((name, value) -> {
                if (!name.equals("JAVA_TOOL_OPTIONS")) {
                    environment.put(name, intrinsics.string(value));
                }
            });
        }
        String handler = String.valueOf(properties.getOrDefault("Handler", globals.get("Handler")));
        int timeout = intValue(properties.getOrDefault("Timeout", globals.get("Timeout")), 3);
        int memory = intValue(properties.getOrDefault("MemorySize", globals.get("MemorySize")), 128);
        return new LocalFunction(id, handler, environment, timeout, memory);
    }

    private Optional<String> onFailureQueue(Map<String, Object> properties, Intrinsics intrinsics) {
        Object destination = Provisioner.map(Provisioner.map(properties.get("DestinationConfig")).get("OnFailure")).get("Destination");
        return destination == null ? Optional.empty()
                : Optional.ofNullable(provisioner.queueUrlsByArn.get(intrinsics.string(destination)));
    }

    public URI apiEndpoint() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    /**
     * The local token issuer, for tests in this JVM: it mints tokens as {@code POST /local/tokens}
     * does and signs any claims at all with the real key.
     */
    LocalIssuer tokens() {
        return issuer;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The processes of the embedded Dynoxide; none when DynamoDB is another emulator's. */
    java.util.Set<Long> dynamoDbProcesses() {
        return parts.stream().filter(Dynoxide.class::isInstance).map(Dynoxide.class::cast).findFirst()
                .map(Dynoxide::pids).orElse(java.util.Set.of());
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** The local name of each table, by its logical id in the template. */
    public Map<String, String> tables() {
        return Map.copyOf(provisioner.tables);
    }

    /** The URL of each queue, by its logical id in the template. */
    public Map<String, String> queues() {
        return Map.copyOf(provisioner.queues);
    }

    /** The events the functions published, as {@code GET /local/events} lists them, for tests in this JVM. */
    LocalEventBus events() {
        return gateway.events();
    }

    /** The payment ids the simulated gateway was asked to refund, for tests in this JVM. */
    java.util.Set<String> refundedPayments() {
        return gatewaySimulator == null ? java.util.Set.of() : gatewaySimulator.refunded();
    }

    /** Invokes a function directly, as {@code sam local invoke} would, with an event's JSON. */
    public String invoke(String logicalId, String eventJson) throws Exception {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template");
        }
        return function.invoke(eventJson);
    }

    /** A function of the template by its logical id, for the benchmark, which runs its jar in JVMs of its own. */
    LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template");
        }
        return function;
    }

    /** Clients for the stack's own emulators, with the local credentials. */
    public DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClient(http).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials()).endpointOverride(dynamoDbEndpoint).build();
    }

    public SqsClient sqsClient() {
        return SqsClient.builder().httpClient(http).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials()).endpointOverride(sqsEndpoint).build();
    }

    public DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder().httpClient(http).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials()).endpointOverride(dynamoDbEndpoint).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Stockroom local stack is up\n");
        out.append("  API       ").append(apiEndpoint()).append("   (GET / lists the routes)\n");
        out.append("  DynamoDB  ").append(dynamoDbEndpoint).append(parts.stream().anyMatch(p -> p instanceof Dynoxide) ? "   (Dynoxide)\n" : "   (external)\n");
        out.append("  SQS       ").append(sqsEndpoint).append(parts.stream().anyMatch(p -> p instanceof EmbeddedSqs) ? "   (ElasticMQ)\n" : "   (external)\n");
        provisioner.tables.forEach((id, name) -> out.append("  table     ").append(name).append('\n'));
        provisioner.queues.forEach((id, url) -> out.append("  queue     ").append(url).append('\n'));
        functions.values().forEach(f -> out.append("  function  ").append(f.name()).append(" -> ").append(f.handlerClass()).append('\n'));
        out.append("  tokens    POST /local/tokens {\"scopes\":[...],\"sub\":\"...\"} or Elastic Path's POST /oauth/access_token;"
                + " issuer ").append(issuer.issuer()).append(", audience ").append(issuer.audience()).append('\n');
        if (faultRate > 0) {
            out.append("  faults    ").append(Math.round(faultRate * 1000) / 10.0)
                    .append("% of the functions' DynamoDB and SQS calls fail as AWS's can (STOCKROOM_FAULT_RATE)\n");
        }
        out.append("  events    the functions' EventBridge calls are answered on the API's port; GET /local/events lists the events\n");
        out.append("  payments  a simulated gateway answers payment requests: tok_decline fails, tok_silent never answers, anything else succeeds\n");
        out.append("Ctrl-C stops it.");
        return out.toString();
    }

    private static void ensureFree(int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (IOException inUse) {
            throw new java.net.BindException("port " + port + " on 127.0.0.1");
        }
    }

    private static int freeIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static int intValue(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }

    @Override
    public synchronized void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + parts.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        parts.clear();
        if (http != null) {
            http.close();
            http = null;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("invoke")) {
            Invoke.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        LocalStack stack;
        try {
            stack = start(Options.fromEnvironment(env));
        } catch (java.net.BindException inUse) {
            System.err.println("Cannot start: a port is already in use (" + inUse.getMessage() + "). Is another local stack running?"
                    + " STOCKROOM_API_PORT, STOCKROOM_DYNAMODB_PORT and STOCKROOM_SQS_PORT choose other ports.");
            System.exit(1);
            return;
        } catch (IOException cannotStart) {
            System.err.println("Cannot start: " + cannotStart.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println(stack.describe());
        stopped.await();
    }
}
