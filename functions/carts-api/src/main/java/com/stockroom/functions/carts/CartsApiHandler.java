package com.stockroom.functions.carts;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The storefront's carts and checkout: {@code /v2/carts/...} behind the HTTP API. */
public final class CartsApiHandler implements RequestStreamHandler, Resource {

    private final Router router;
    private final Telemetry.Function logging;

    public CartsApiHandler() {
        this(System.getenv());
    }

    public CartsApiHandler(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        this.router = DaggerCartsApi.factory().create(settings).routes().router();
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
        Snapshots.prime(logging, () -> router.handle(Priming.httpGet("GET /v2/carts/{cart_ref}/items",
                Map.of("cart_ref", "stockroom-priming"), "carts")));
    }

    /** Nothing made at init is unique to one environment, so a restore has nothing to redo. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
