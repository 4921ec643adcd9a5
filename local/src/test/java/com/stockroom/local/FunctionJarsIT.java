package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each function's deployable jar, with nothing beside it (a stream handler needs nothing of the
 * Java runtime's serializers), builds its handler and answers an event, so what the local
 * stack's own class path happens to carry cannot hide a class missing from a jar. And each jar
 * holds only what its function uses: no event classes, no Joda time, no other function's code.
 */
@ExtendWith(Stack.class)
class FunctionJarsIT {

    private static final Path ROOT = Path.of("..");

    /** Logical id, jar, handler class, its package, an event and what the answer must contain. */
    private record Function(String logicalId, String jar, String handler, String ownPackage, String event, Map<String, Object> answer) {
    }

    private static final String HTTP_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"GET /nowhere\",\"rawPath\":\"/nowhere\",\"requestContext\":"
            + "{\"http\":{\"method\":\"GET\",\"path\":\"/nowhere\"},\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"a\"},\"scopes\":[\"carts\"]}},"
            + "\"timeEpoch\":1764583200000},\"isBase64Encoded\":false}";
    private static final Map<String, Object> NOT_FOUND = Map.of("statusCode", 404L);
    private static final Map<String, Object> NO_FAILURES = Map.of("batchItemFailures", List.of());

    private static final List<Function> FUNCTIONS = List.of(
            new Function("InventoryApiFunction", "functions/inventory-api/target/inventory-api.jar", "com.stockroom.functions.inventory.InventoryApiHandler",
                    "com/stockroom/functions/inventory/", HTTP_EVENT, NOT_FOUND),
            new Function("CartsApiFunction", "functions/carts-api/target/carts-api.jar", "com.stockroom.functions.carts.CartsApiHandler",
                    "com/stockroom/functions/carts/", HTTP_EVENT, NOT_FOUND),
            new Function("OrdersApiFunction", "functions/orders-api/target/orders-api.jar", "com.stockroom.functions.orders.OrdersApiHandler",
                    "com/stockroom/functions/orders/", HTTP_EVENT, NOT_FOUND),
            new Function("PaymentResultsFunction", "functions/payment-results/target/payment-results.jar", "com.stockroom.functions.payments.PaymentResultsHandler",
                    "com/stockroom/functions/payments/", "{\"Records\":[]}", NO_FAILURES),
            new Function("StockHistoryFunction", "functions/stock-history/target/stock-history.jar", "com.stockroom.functions.history.StockHistoryHandler",
                    "com/stockroom/functions/history/", "{\"Records\":[]}", NO_FAILURES));

    @Test
    void every_functions_jar_alone_builds_its_handler_and_answers_an_event() throws Exception {
        for (Function function : FUNCTIONS) {
            Path jar = ROOT.resolve(function.jar());
            assertThat(jar).as("built by the package phase").exists();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> type = Class.forName(function.handler(), true, loader);
                Object handler = type.getConstructor(Map.class).newInstance(Stack.get().function(function.logicalId()).environment());
                Class<?> context = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
                Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                handle.invoke(handler, new ByteArrayInputStream(function.event().getBytes(StandardCharsets.UTF_8)), answer, null);
                @SuppressWarnings("unchecked") Map<?, ?> parsed = (Map<?, ?>) Json.parse(answer.toString(StandardCharsets.UTF_8));
                assertThat((Map<Object, Object>) parsed).as(function.jar()).containsAllEntriesOf(function.answer());
            }
        }
    }

    @Test
    void no_jar_carries_event_classes_joda_time_or_another_functions_code() throws Exception {
        for (Function function : FUNCTIONS) {
            try (JarFile jar = new JarFile(ROOT.resolve(function.jar()).toFile())) {
                List<String> entries = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
                assertThat(entries).as(function.jar()).contains(function.handler().replace('.', '/') + ".class");
                assertThat(entries).as(function.jar())
                        .noneMatch(name -> name.startsWith("com/amazonaws/services/lambda/runtime/events/"))
                        .noneMatch(name -> name.startsWith("org/joda/"))
                        .noneMatch(name -> name.startsWith("com/stockroom/functions/") && name.endsWith(".class")
                                && !name.startsWith(function.ownPackage()));
            }
        }
    }

    /**
     * SLF4J without a provider prints "No SLF4J providers were found" at every cold start, outside
     * the JSON logs: each jar carries the no-op provider and the service entry that names it.
     */
    @Test
    void every_jar_carries_the_sdk_logs_no_op_provider() throws Exception {
        for (Function function : FUNCTIONS) {
            Path jar = ROOT.resolve(function.jar());
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                // As the SDK's first logger does: SLF4J finds its provider in the jar, by ServiceLoader.
                Class<?> loggerFactory = Class.forName("org.slf4j.LoggerFactory", true, loader);
                Object factory = loggerFactory.getMethod("getILoggerFactory").invoke(null);
                assertThat(factory.getClass().getName()).as(function.jar()).isEqualTo("org.slf4j.helpers.NOPLoggerFactory");
                // Without a provider SLF4J falls back to a no-op too, but only after printing "No SLF4J providers were found".
                Method getProvider = loggerFactory.getDeclaredMethod("getProvider");
                getProvider.setAccessible(true);
                Object provider = getProvider.invoke(null);
                assertThat(provider.getClass().getName()).as(function.jar() + ": the no-op provider, not SLF4J's fallback")
                        .isEqualTo("org.slf4j.nop.NOPServiceProvider");
            }
        }
    }

    /**
     * A class archive cannot hold Java 5 class files, nor any class that extends one: the
     * javax.inject jar's {@code Provider} kept every Dagger factory out of the function's archive,
     * and SLF4J 1.7 kept the SDK's logging out. No class in a function's jar is older than Java 6's.
     */
    @Test
    void every_class_in_a_jar_can_be_archived() throws Exception {
        for (Function function : FUNCTIONS) {
            try (JarFile jar = new JarFile(ROOT.resolve(function.jar()).toFile())) {
                List<String> old = new ArrayList<>();
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                        byte[] head = jar.getInputStream(entry).readNBytes(8);
                        int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                        if (major < 50) {
                            old.add(entry.getName() + " (class file version " + major + ")");
                        }
                    }
                }
                assertThat(old).as(function.jar()).isEmpty();
            }
        }
    }

    @Test
    void the_stock_functions_carry_no_order_or_cart_code() throws Exception {
        for (String stockOnly : List.of("functions/stock-history/target/stock-history.jar", "functions/inventory-api/target/inventory-api.jar")) {
            try (JarFile jar = new JarFile(ROOT.resolve(stockOnly).toFile())) {
                assertThat(Collections.list(jar.entries()).stream().map(e -> e.getName())).as(stockOnly)
                        .noneMatch(name -> name.startsWith("com/stockroom/order/"))
                        .anyMatch(name -> name.startsWith("com/stockroom/stock/"));
            }
        }
    }

    /** The EventBridge module is the stock-history function's alone, kept whole (its PutEvents included), and the jar stays within 12 MB. */
    @Test
    void only_the_stock_history_jar_carries_the_event_bridge_client_and_it_stays_within_12_mb() throws Exception {
        for (Function function : FUNCTIONS) {
            Path path = ROOT.resolve(function.jar());
            try (JarFile jar = new JarFile(path.toFile())) {
                List<String> entries = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
                if (function.logicalId().equals("StockHistoryFunction")) {
                    assertThat(entries).as(function.jar())
                            .contains("software/amazon/awssdk/services/eventbridge/EventBridgeClient.class",
                                    "software/amazon/awssdk/services/eventbridge/model/PutEventsRequest.class");
                    assertThat(java.nio.file.Files.size(path)).as(function.jar()).isLessThanOrEqualTo(12L * 1024 * 1024);
                } else {
                    assertThat(entries).as(function.jar()).noneMatch(name -> name.startsWith("software/amazon/awssdk/services/eventbridge/"));
                }
            }
        }
    }
}
