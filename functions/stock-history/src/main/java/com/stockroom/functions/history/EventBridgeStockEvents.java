package com.stockroom.functions.history;

import com.stockroom.common.Telemetry;
import com.stockroom.platform.Retrying;
import com.stockroom.platform.Settings;
import com.stockroom.stock.model.StockEvent;
import com.stockroom.stock.model.StockEventBus;
import dagger.Lazy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Stock events on an EventBridge bus (named by {@code STOCK_EVENT_BUS}), at most
 * {@value #MOST_PER_CALL} per {@code PutEvents}, as the service allows. A call that fails as a
 * whole is retried through transient failures ({@link Retrying}); entries it refuses one by one
 * ({@code FailedEntryCount}) are sent again, up to {@value #ATTEMPTS} times in all; what is still
 * refused then is reported as the first event not published, so the stream's batch is retried
 * from that event's record. The client is built on the first publication, or by
 * {@link #prepare} (the snapshot's priming), not at init.
 *
 * <p>It lives in this function rather than in {@code shared}, so that the EventBridge SDK module is
 * in this function's jar and in no other.
 */
final class EventBridgeStockEvents implements StockEventBus {

    /** PutEvents takes at most 10 entries. */
    static final int MOST_PER_CALL = 10;
    static final int ATTEMPTS = 3;
    static final long PAUSE_MS = 50;

    private final Lazy<EventBridgeClient> eventBridge;
    private final String bus;

    @Inject
    EventBridgeStockEvents(Lazy<EventBridgeClient> eventBridge, Settings settings) {
        this.eventBridge = eventBridge;
        this.bus = settings.require("STOCK_EVENT_BUS");
    }

    /** Builds the client (no call is made): what a snapshot should hold, before any event. */
    @Override
    public void prepare() {
        eventBridge.get();
    }

    @Override
    public OptionalInt publish(List<StockEvent> events) {
        EventBridgeClient client = eventBridge.get();
        for (int from = 0; from < events.size(); from += MOST_PER_CALL) {
            OptionalInt failed = publishUpToTen(client, events.subList(from, Math.min(events.size(), from + MOST_PER_CALL)));
            if (failed.isPresent()) {
                return OptionalInt.of(from + failed.getAsInt());
            }
        }
        return OptionalInt.empty();
    }

    /** One PutEvents of up to ten events, the refused ones sent again; the index of the first still refused, or empty. */
    private OptionalInt publishUpToTen(EventBridgeClient client, List<StockEvent> events) {
        List<PutEventsRequestEntry> all = events.stream().map(this::entry).toList();
        List<Integer> pending = IntStream.range(0, events.size()).boxed().toList();
        for (int attempt = 1; ; attempt++) {
            List<PutEventsRequestEntry> entries = pending.stream().map(all::get).toList();
            PutEventsResponse response;
            try {
                response = Retrying.call("publishing stock events", () -> client.putEvents(put -> put.entries(entries)));
            } catch (RuntimeException failure) {
                Telemetry.warn("publishing " + entries.size() + " stock event(s) to " + bus + " failed: " + failure);
                return OptionalInt.of(pending.get(0));
            }
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return OptionalInt.empty();
            }
            List<Integer> refused = new ArrayList<>();
            for (int k = 0; k < response.entries().size() && k < pending.size(); k++) {
                if (response.entries().get(k).errorCode() != null) {
                    refused.add(pending.get(k));
                }
            }
            if (refused.isEmpty()) {
                // A count with no entry marked: which ones failed cannot be told, so all of them are sent again.
                refused = pending;
            }
            if (attempt >= ATTEMPTS) {
                Telemetry.warn(response.failedEntryCount() + " stock event(s) refused by " + bus + " after " + attempt
                        + " attempts, the first: " + response.entries().stream().filter(e -> e.errorCode() != null)
                        .map(e -> e.errorCode() + " " + e.errorMessage()).findFirst().orElse("(not said)"));
                return OptionalInt.of(refused.get(0));
            }
            pending = refused;
            pause(attempt);
        }
    }

    private PutEventsRequestEntry entry(StockEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(bus)
                .source(StockEventDetails.SOURCE)
                .detailType(event.type())
                .detail(StockEventDetails.detail(event))
                .build();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(PAUSE_MS * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
