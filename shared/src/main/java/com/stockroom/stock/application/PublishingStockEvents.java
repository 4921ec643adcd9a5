package com.stockroom.stock.application;

import com.stockroom.stock.model.ObservedChange;
import com.stockroom.stock.model.StockEvent;
import com.stockroom.stock.model.StockEventBus;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Telling the world about committed stock changes: each change's events, in the order the
 * changes were committed. Run only once the changes' history is written, so that an event never
 * announces what the log does not hold.
 */
public final class PublishingStockEvents {

    private final StockEventBus bus;

    @Inject
    public PublishingStockEvents(StockEventBus bus) {
        this.bus = bus;
    }

    /** Makes the bus ready to publish, publishing nothing. */
    public void prepare() {
        bus.prepare();
    }

    /** Publishes the changes' events; answers the index of the first change whose events were not all published, or empty. */
    public OptionalInt publishAll(List<ObservedChange> changes) {
        List<StockEvent> events = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            for (StockEvent event : changes.get(i).events()) {
                events.add(event);
                from.add(i);
            }
        }
        if (events.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt failed = bus.publish(events);
        return failed.isPresent() ? OptionalInt.of(from.get(failed.getAsInt())) : OptionalInt.empty();
    }
}
