package com.stockroom.local;

import com.stockroom.common.Telemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One local stack for the whole test run, on free ports, so the tests pass beside a running
 * stack and leave no process behind: it is closed when the run ends. By default it is the
 * embedded one (Dynoxide + ElasticMQ); {@code -Plocalstack} runs the same tests against
 * LocalStack in a container, and skips them, saying why, where Docker is missing.
 */
public final class Stack implements BeforeAllCallback, ExecutionCondition {

    private static final String NO_DOCKER = "The LocalStack profile needs Docker, and no Docker engine answers here:"
            + " the integration tests are skipped. Run them without -Plocalstack to use the embedded stack.";

    private static volatile Boolean dockerAnswers;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!localStackProfile()) {
            return ConditionEvaluationResult.enabled("the embedded stack is always there");
        }
        if (dockerAnswers == null) {
            dockerAnswers = Running.dockerAvailable();
            if (!dockerAnswers) {
                System.err.println("*** " + NO_DOCKER);
            }
        }
        return dockerAnswers ? ConditionEvaluationResult.enabled("Docker answers") : ConditionEvaluationResult.disabled(NO_DOCKER);
    }

    private static boolean localStackProfile() {
        return "localstack".equals(System.getProperty("stockroom.it.target"));
    }

    private static final String KEY = "stockroom-local-stack";

    /** A payment waits this long for its result in the tests' stack, so the timeout path can be watched. */
    static final int PAYMENT_TIMEOUT_SECONDS = 6;

    /** The payment timeout sweep runs this often in the tests' stack. */
    private static final Optional<Duration> SCHEDULE = Optional.of(Duration.ofSeconds(1));

    private static volatile LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        Running running = store.getOrComputeIfAbsent(KEY, key -> {
            try {
                return new Running();
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
        }, Running.class);
        Assumptions.assumeTrue(running.skipReason.isEmpty(), running.skipReason.orElse(""));
        stack = running.stack;
    }

    public static LocalStack get() {
        return stack;
    }

    /**
     * A stack of its own for a test engine that does not run Jupiter's extensions (jqwik): Jupiter's
     * shared stack is closed when Jupiter's tests end. The caller closes it. Where the LocalStack
     * profile finds no Docker, the tests are aborted with the reason, as Jupiter's are skipped.
     * Its payments time out after {@code paymentTimeoutSeconds}.
     */
    static AutoCloseable startOwn(int paymentTimeoutSeconds) throws Exception {
        Running running = new Running(paymentTimeoutSeconds);
        if (running.skipReason.isPresent()) {
            throw new org.opentest4j.TestAbortedException(running.skipReason.get());
        }
        stack = running.stack;
        return running;
    }

    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final LocalStack stack;
        private final LocalStackContainer container;
        private final Optional<String> skipReason;

        Running() throws Exception {
            this(PAYMENT_TIMEOUT_SECONDS);
        }

        Running(int paymentTimeoutSeconds) throws Exception {
            Map<String, String> parameters = Map.of("PaymentTimeoutSeconds", Integer.toString(paymentTimeoutSeconds));
            Template template = Template.read(Path.of(System.getProperty("stockroom.template", "../template.yaml")));
            Path dynoxide = Path.of(System.getProperty("stockroom.dynoxide", "node_modules/@dynoxide/linux-x64/dynoxide"));
            if (localStackProfile()) {
                if (!dockerAvailable()) {
                    stack = null;
                    container = null;
                    skipReason = Optional.of(NO_DOCKER);
                    return;
                }
                container = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4"))
                        .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);
                container.start();
                URI endpoint = container.getEndpoint();
                stack = LocalStack.start(new LocalStack.Options(template, 0, 0, 0,
                        Optional.of(endpoint), Optional.of(endpoint), dynoxide, parameters, SCHEDULE));
            } else {
                container = null;
                stack = LocalStack.start(LocalStack.Options.embedded(template, dynoxide, parameters, SCHEDULE));
            }
            // The functions' log lines go to a buffer the tests read, not to the build's output.
            Telemetry.sink(LogLines.CAPTURED);
            LocalEventBus.logTo(LogLines.CAPTURED);
            skipReason = Optional.empty();
        }

        static boolean dockerAvailable() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError none) {
                return false;
            }
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
                Telemetry.sink(null);
                LocalEventBus.logTo(null);
            }
            if (container != null) {
                container.stop();
            }
        }
    }
}
