package com.stockroom;

import com.stockroom.common.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the build output quiet for tests of code that logs its failures to stderr (batch item
 * failures, unexpected errors): stderr and the JSON log lines go nowhere during each test and are
 * restored after it.
 */
public final class QuietStderr implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QuietStderr.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("stderr", System.err);
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        context.getStore(NAMESPACE).put("log", Telemetry.sink(line -> { }));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(context.getStore(NAMESPACE).get("stderr", PrintStream.class));
        @SuppressWarnings("unchecked")
        Consumer<String> log = context.getStore(NAMESPACE).get("log", Consumer.class);
        Telemetry.sink(log);
    }
}
