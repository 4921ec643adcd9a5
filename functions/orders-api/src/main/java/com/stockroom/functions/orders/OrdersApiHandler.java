package com.stockroom.functions.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockroom.lambda.Events;
import com.stockroom.lambda.Invocations;
import com.stockroom.lambda.Snapshots;
import com.stockroom.lambda.Priming;
import com.stockroom.platform.Settings;
import com.stockroom.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Orders: reading, paying, shipping and cancelling, {@code /v2/orders/...} behind the HTTP API. */
public final class OrdersApiHandler implements RequestStreamHandler {

    private final Router router;

    public OrdersApiHandler() {
        this(System.getenv());
    }

    public OrdersApiHandler(Map<String, String> environment) {
        this.router = DaggerOrdersApi.factory().create(new Settings(environment)).routes().router();
        Snapshots.primeBeforeSnapshot("orders-api", () -> router.handle(Priming.httpGet("GET /v2/orders/{order_id}",
                Map.of("order_id", Priming.ORDER), "orders")));
    }

    /** Reads the HTTP API event's JSON itself: no event classes, no reflection on the cold path. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Events.read(input);
        Events.write(output, Invocations.within(context, () -> router.handle(event).toJson()));
    }
}
