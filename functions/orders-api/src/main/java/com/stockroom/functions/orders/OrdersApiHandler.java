package com.stockroom.functions.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockroom.common.Telemetry;
import com.stockroom.lambda.Events;
import com.stockroom.lambda.Invocations;
import com.stockroom.lambda.Snapshots;
import org.crac.Resource;
import com.stockroom.lambda.Priming;
import com.stockroom.platform.Settings;
import com.stockroom.web.Router;
import dagger.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Orders: reading, paying, shipping and cancelling, {@code /v2/orders/...} behind the HTTP API. */
public final class OrdersApiHandler implements RequestStreamHandler, Resource {

    private final Router router;
    private final Telemetry.Function logging;
    private final Lazy<SqsClient> paymentRequests;

    public OrdersApiHandler() {
        this(System.getenv());
    }

    public OrdersApiHandler(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        OrdersApi api = DaggerOrdersApi.factory().create(settings);
        this.router = api.routes().router();
        this.paymentRequests = api.paymentRequestsClient();
        this.logging = settings.logging();
        Snapshots.register(this);
    }

    /** Reads the HTTP API event's JSON itself: no event classes, no reflection on the cold path. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Events.read(input);
        Events.write(output, Invocations.within(context, logging, () -> router.handle(event).toJson()));
    }

    /**
     * Before a SnapStart snapshot: answers one harmless event through the whole path, so what a
     * first request needs is loaded and in the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Built now, so that a restored function's first payment does not build it; priming sends nothing.
        paymentRequests.get();
        Snapshots.prime(logging, () -> router.handle(Priming.httpGet("GET /v2/orders/{order_id}",
                Map.of("order_id", Priming.ORDER), "orders")));
    }

    /** Nothing made at init is unique to one environment, so a restore has nothing to redo. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
