package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each function's deployable jar, with nothing beside it but what the Java runtime brings (its
 * serialization library), turns its events into the handler's event type as Lambda will, and
 * loads its handler. What the local stack's own class path happens to carry cannot hide a class
 * missing from a jar (Joda time was, and every event failed to deserialize without it).
 */
class FunctionJarsIT {

    private static final Path ROOT = Path.of("..");
    private static final Path SERIALIZATION = Path.of("target", "lambda-runtime", "aws-lambda-java-serialization.jar");

    /** Jar, handler class, event type and a minimal event of that type. */
    private record Function(String jar, String handler, String eventType, String event) {
    }

    private static final String HTTP = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
    private static final String HTTP_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"GET /\",\"rawPath\":\"/\",\"requestContext\":"
            + "{\"http\":{\"method\":\"GET\",\"path\":\"/\"},\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"a\"},\"scopes\":[\"carts\"]}},"
            + "\"timeEpoch\":1764583200000},\"isBase64Encoded\":false}";

    private static final List<Function> FUNCTIONS = List.of(
            new Function("functions/inventory-api/target/inventory-api.jar", "com.stockroom.functions.inventory.InventoryApiHandler", HTTP, HTTP_EVENT),
            new Function("functions/carts-api/target/carts-api.jar", "com.stockroom.functions.carts.CartsApiHandler", HTTP, HTTP_EVENT),
            new Function("functions/orders-api/target/orders-api.jar", "com.stockroom.functions.orders.OrdersApiHandler", HTTP, HTTP_EVENT),
            new Function("functions/payment-results/target/payment-results.jar", "com.stockroom.functions.payments.PaymentResultsHandler",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                    "{\"Records\":[{\"messageId\":\"m-1\",\"body\":\"{}\",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}"),
            new Function("functions/stock-history/target/stock-history.jar", "com.stockroom.functions.history.StockHistoryHandler",
                    "com.amazonaws.services.lambda.runtime.events.DynamodbEvent",
                    "{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1764583200,"
                            + "\"Keys\":{\"product_id\":{\"S\":\"p\"}},\"SequenceNumber\":\"1\",\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}]}"));

    @Test
    void every_functions_jar_deserializes_its_events_with_only_the_runtimes_serializers_beside_it() throws Exception {
        assertThat(SERIALIZATION).exists();
        for (Function function : FUNCTIONS) {
            Path jar = ROOT.resolve(function.jar());
            assertThat(jar).as("built by the package phase").exists();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), SERIALIZATION.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> type = Class.forName(function.eventType(), true, loader);
                Class<?> serializers = Class.forName(
                        "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers", true, loader);
                Method serializerFor = serializers.getMethod("serializerFor", Class.class, ClassLoader.class);
                Object serializer = serializerFor.invoke(null, type, loader);
                Class<?> pojoSerializer = Class.forName("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", true, loader);
                Object event = pojoSerializer.getMethod("fromJson", String.class).invoke(serializer, function.event());
                assertThat(event).as(function.jar()).isInstanceOf(type);
                assertThat(Class.forName(function.handler(), false, loader)).as(function.handler()).isNotNull();
            }
        }
    }
}
