package com.stockroom.functions.inventory;

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

/** The admin Inventory API: {@code /v2/inventories/...} behind the HTTP API. */
public final class InventoryApiHandler implements RequestStreamHandler, Resource {

    private final Router router;
    private final Telemetry.Function logging;

    /** Lambda's constructor: wires the function once, in the init phase. */
    public InventoryApiHandler() {
        this(System.getenv());
    }

    /** Wires the function for the given environment, as Lambda would set it. */
    public InventoryApiHandler(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        this.router = DaggerInventoryApi.factory().create(settings).routes().router();
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
        Snapshots.prime(logging, () -> router.handle(Priming.httpGet("GET /v2/inventories/{product_id}",
                Map.of("product_id", "stockroom-priming"), "inventory:read")));
    }

    /** Nothing made at init is unique to one environment, so a restore has nothing to redo. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
