package com.stockroom.functions.carts;

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

/** The storefront's carts and checkout: {@code /v2/carts/...} behind the HTTP API. */
public final class CartsApiHandler implements RequestStreamHandler {

    private final Router router;

    public CartsApiHandler() {
        this(System.getenv());
    }

    public CartsApiHandler(Map<String, String> environment) {
        this.router = DaggerCartsApi.factory().create(new Settings(environment)).routes().router();
        Snapshots.primeBeforeSnapshot("carts-api", () -> router.handle(Priming.httpGet("GET /v2/carts/{cart_ref}/items",
                Map.of("cart_ref", "stockroom-priming"), "carts")));
    }

    /** Reads the HTTP API event's JSON itself: no event classes, no reflection on the cold path. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Events.read(input);
        Events.write(output, Invocations.within(context, () -> router.handle(event).toJson()));
    }
}
