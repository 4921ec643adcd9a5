package com.stockroom.local;

import com.stockroom.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code stockroom-local.jar invoke FUNCTION EVENT.json}: runs one function of the template on
 * one event against the running local stack, in this JVM, as {@code sam local invoke} does in a
 * container. The function gets the environment the stack gives it (its table names, and the
 * queue URLs the stack's SQS answers); its own output goes to stderr, its answer to stdout as
 * one line; a function error prints Lambda's error document and exits 1; a usage error exits 2.
 */
final class Invoke {

    static final int OK = 0;
    static final int FUNCTION_ERROR = 1;
    static final int USAGE = 2;

    private static final String START_STACK = "Start it with: java -jar local/target/stockroom-local.jar";

    static final String USAGE_TEXT = """
            usage: java -jar local/target/stockroom-local.jar invoke FUNCTION EVENT.json
                   java -jar local/target/stockroom-local.jar invoke FUNCTION -      (the event from standard input)
                   java -jar local/target/stockroom-local.jar invoke --list          (the functions and their handlers)
            Runs one function of template.yaml, named by its logical id, on one event against the running local
            stack: DynamoDB at 127.0.0.1:8000 and SQS at 127.0.0.1:9324, or AWS_ENDPOINT_URL_DYNAMODB,
            AWS_ENDPOINT_URL_SQS (or AWS_ENDPOINT_URL). The answer is printed on stdout, the function's output on
            stderr; exit 1 on a function error, 2 on a usage error.""";

    /** A mistake in how invoke was called, or no stack to run against: its message, and exit 2. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    private Invoke() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.in, System.out, System.err));
    }

    /**
     * Runs {@code invoke} with these arguments (those after {@code invoke}) and environment,
     * answering the exit code. The function's own {@code System.out} goes to {@code err} meanwhile.
     */
    static int run(List<String> args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            if (args.size() == 1 && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
                out.println(USAGE_TEXT);
                return OK;
            }
            if (args.size() == 1 && args.get(0).equals("--list")) {
                Template template = options(env).template();
                Map<String, Object> globals = template.functionGlobals();
                template.resources("AWS::Serverless::Function").forEach((id, properties) ->
                        out.println(id + "  " + properties.getOrDefault("Handler", globals.get("Handler"))));
                return OK;
            }
            if (args.size() != 2 || args.get(0).startsWith("-")) {
                throw new UsageError(USAGE_TEXT);
            }
            String id = args.get(0);
            LocalStack.Options options = options(env);
            requireFunction(options.template(), id);
            String event = event(args.get(1), stdin);
            LocalFunction function = function(options, id);
            return invoke(function, event, timeoutSeconds(options.template(), id), out, err);
        } catch (UsageError usage) {
            err.println(usage.getMessage());
            return USAGE;
        }
    }

    private static LocalStack.Options options(Map<String, String> env) throws UsageError {
        try {
            return LocalStack.Options.fromEnvironment(env);
        } catch (IOException | IllegalArgumentException badSetup) {
            throw new UsageError("Cannot read the stack's setup: " + badSetup.getMessage());
        }
    }

    private static void requireFunction(Template template, String id) throws UsageError {
        Map<String, Map<String, Object>> functions = template.resources("AWS::Serverless::Function");
        if (!functions.containsKey(id)) {
            throw new UsageError("Unknown function " + id + ". The template's functions: " + String.join(", ", functions.keySet()));
        }
    }

    /** The event's JSON from its file, or from standard input for {@code -}: JSON, or a usage error. */
    private static String event(String file, InputStream stdin) throws UsageError {
        String source = file.equals("-") ? "standard input" : file;
        String json;
        try {
            json = file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
        } catch (NoSuchFileException missing) {
            throw new UsageError("Cannot read the event file " + file + ": there is no such file");
        } catch (IOException | RuntimeException unreadable) {
            throw new UsageError("Cannot read the event " + (file.equals("-") ? "from " : "file ") + source + ": "
                    + (Files.isDirectory(Path.of(file)) ? "it is a directory" : String.valueOf(unreadable.getMessage())));
        }
        if (json.isBlank()) {
            throw new UsageError("The event from " + source + " is empty: it must be JSON");
        }
        try {
            Json.parse(json);
        } catch (Json.Malformed malformed) {
            throw new UsageError("The event from " + source + " is not JSON: " + malformed.getMessage());
        }
        return json;
    }

    /**
     * The function as the running stack has it: its environment resolved from the template as
     * {@link LocalStack} resolves it, with the table and queue names the stack's DynamoDB and SQS
     * answer. A usage error when nothing answers at their endpoints.
     */
    static LocalFunction function(Map<String, String> env, String id) throws UsageError {
        LocalStack.Options options = options(env);
        requireFunction(options.template(), id);
        return function(options, id);
    }

    private static LocalFunction function(LocalStack.Options options, String id) throws UsageError {
        Template template = options.template();
        URI dynamoDbEndpoint = options.dynamoDbEndpoint().orElse(URI.create("http://127.0.0.1:" + options.dynamoDbPort()));
        URI sqsEndpoint = options.sqsEndpoint().orElse(URI.create("http://127.0.0.1:" + options.sqsPort()));
        Map<String, String> parameters = new HashMap<>(options.parameters());
        parameters.put(LocalStack.JWT_ISSUER_PARAMETER, "http://127.0.0.1:" + options.apiPort());
        Intrinsics intrinsics = new Intrinsics(template, parameters);
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(http).region(Region.of(Intrinsics.REGION))
                     .credentialsProvider(credentials()).endpointOverride(dynamoDbEndpoint)
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
             SqsClient sqs = SqsClient.builder().httpClient(http).region(Region.of(Intrinsics.REGION))
                     .credentialsProvider(credentials()).endpointOverride(sqsEndpoint)
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            // What the Provisioner defines, read from the running stack instead of made.
            template.resources().forEach((logicalId, resource) -> intrinsics.define(logicalId, logicalId,
                    "AWS::Serverless::Function".equals(resource.get("Type"))
                            ? Map.of("Arn", "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + logicalId)
                            : Map.of()));
            for (Map.Entry<String, Map<String, Object>> table : template.resources("AWS::DynamoDB::Table").entrySet()) {
                Map<String, Object> properties = table.getValue();
                String name = properties.containsKey("TableName") ? intrinsics.string(properties.get("TableName")) : table.getKey();
                TableDescription description;
                try {
                    description = dynamoDb.describeTable(d -> d.tableName(name)).table();
                } catch (ResourceNotFoundException missing) {
                    throw new UsageError("The DynamoDB at " + dynamoDbEndpoint + " has no table " + name + " (" + table.getKey()
                            + "): is the local stack there running this template? " + START_STACK);
                } catch (SdkClientException unreachable) {
                    throw new UsageError("No local stack answers: nothing answers DynamoDB calls at " + dynamoDbEndpoint
                            + " (" + rootCause(unreachable) + "). " + START_STACK
                            + ", or point AWS_ENDPOINT_URL_DYNAMODB at a running one.");
                }
                Map<String, String> attributes = new HashMap<>();
                attributes.put("Arn", description.tableArn());
                if (description.latestStreamArn() != null) {
                    attributes.put("StreamArn", description.latestStreamArn());
                }
                intrinsics.define(table.getKey(), name, attributes);
            }
            for (Map.Entry<String, Map<String, Object>> queue : template.resources("AWS::SQS::Queue").entrySet()) {
                Map<String, Object> properties = queue.getValue();
                boolean fifo = properties.get("FifoQueue") != null && "true".equals(intrinsics.string(properties.get("FifoQueue")));
                String name = properties.containsKey("QueueName") ? intrinsics.string(properties.get("QueueName"))
                        : queue.getKey() + (fifo ? ".fifo" : "");
                String url;
                try {
                    url = sqs.getQueueUrl(q -> q.queueName(name)).queueUrl();
                } catch (QueueDoesNotExistException missing) {
                    throw new UsageError("The SQS at " + sqsEndpoint + " has no queue " + name
                            + ": is the local stack there running this template? " + START_STACK);
                } catch (SdkClientException unreachable) {
                    throw new UsageError("No local stack answers: nothing answers SQS calls at " + sqsEndpoint
                            + " (" + rootCause(unreachable) + "). " + START_STACK + ", or point AWS_ENDPOINT_URL_SQS at a running one.");
                }
                String arn = "arn:aws:sqs:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":" + name;
                intrinsics.define(queue.getKey(), url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
            }
        }
        return LocalStack.function(id, template.resources("AWS::Serverless::Function").get(id), template.functionGlobals(), intrinsics,
                options.faultRate(), dynamoDbEndpoint, sqsEndpoint, URI.create("http://127.0.0.1:" + options.apiPort()));
    }

    private static int timeoutSeconds(Template template, String id) {
        Map<String, Object> properties = template.resources("AWS::Serverless::Function").get(id);
        return LocalStack.intValue(properties.getOrDefault("Timeout", template.functionGlobals().get("Timeout")), 3);
    }

    /** Runs the function with the template's timeout, its output on {@code err}, and prints its answer or error on {@code out}. */
    private static int invoke(LocalFunction function, String event, int timeoutSeconds, PrintStream out, PrintStream err) {
        PrintStream stdout = System.out;
        System.setOut(err);
        FutureTask<String> invocation = new FutureTask<>(() -> function.invoke(event));
        Thread runner = new Thread(invocation, "invoke-" + function.name());
        runner.setDaemon(true);
        try {
            runner.start();
            String answer = invocation.get(timeoutSeconds, TimeUnit.SECONDS);
            // Raw line breaks in JSON can only be whitespace between tokens: dropping them keeps the answer, on one line.
            out.println(answer.replaceAll("[\r\n]+\\s*", ""));
            return OK;
        } catch (ExecutionException failed) {
            Throwable error = failed.getCause();
            // The handler's own exception, not the local runtime's wrapper around it (an invocation's, or init's).
            boolean initFailed = error instanceof IllegalStateException && String.valueOf(error.getMessage()).startsWith("init of ");
            if ((error instanceof LocalFunction.FunctionError || initFailed) && error.getCause() != null) {
                error = error.getCause();
            }
            error.printStackTrace(err);
            out.println(errorDocument(error.getClass().getName(), error.getMessage() == null ? error.getClass().getName() : error.getMessage(),
                    error.getStackTrace()));
            return FUNCTION_ERROR;
        } catch (TimeoutException tooLong) {
            invocation.cancel(true);
            String message = String.format(java.util.Locale.ROOT, "Task timed out after %d.00 seconds", timeoutSeconds);
            err.println(function.name() + ": " + message);
            out.println(errorDocument("Sandbox.Timedout", message, new StackTraceElement[0]));
            return FUNCTION_ERROR;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            out.println(errorDocument("Runtime.Interrupted", "the invocation was interrupted", new StackTraceElement[0]));
            return FUNCTION_ERROR;
        } finally {
            System.out.flush();
            System.setOut(stdout);
        }
    }

    /** Lambda's error document, as the Java runtime reports a function error. */
    static String errorDocument(String type, String message, StackTraceElement[] trace) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("errorType", type);
        document.put("errorMessage", message);
        List<Object> frames = new ArrayList<>();
        for (StackTraceElement frame : trace) {
            frames.add(frame.toString());
        }
        document.put("stackTrace", frames);
        return Json.write(document);
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY));
    }
}
