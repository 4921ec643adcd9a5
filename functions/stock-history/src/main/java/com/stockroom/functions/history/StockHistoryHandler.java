package com.stockroom.functions.history;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockroom.common.Telemetry;
import com.stockroom.lambda.Events;
import com.stockroom.lambda.Invocations;
import com.stockroom.lambda.Snapshots;
import org.crac.Resource;
import com.stockroom.platform.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The stock table's stream consumer: writes each stock change to the historic log, once,
 * however often the stream delivers it, then publishes the batch's stock events
 * ({@link StockStreamConsumer}). A deletion arrives as the MODIFY record of the tombstone it
 * leaves, which names its author; creating the stock again, as the MODIFY that replaces the
 * tombstone, from its zeros.
 */
public final class StockHistoryHandler implements RequestStreamHandler, Resource {

    private final StockStreamConsumer consumer;
    private final Telemetry.Function logging;

    public StockHistoryHandler() {
        this(System.getenv());
    }

    public StockHistoryHandler(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        this.consumer = DaggerStockHistoryFunction.factory().create(settings).consumer();
        this.logging = settings.logging();
        Snapshots.register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Events.read(input);
        Events.write(output, Invocations.within(context, logging, () -> consumer.consume(event)));
    }

    /**
     * Before a SnapStart snapshot: answers one harmless event through the whole path, so what a
     * first request needs is loaded and in the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // An empty batch and the event bus's client: nothing written to the log and nothing published before the snapshot.
        Snapshots.prime(logging, consumer::prime);
    }

    /** Nothing made at init is unique to one environment, so a restore has nothing to redo. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
