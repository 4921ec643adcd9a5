package com.stockroom.stock.model;

import java.util.List;
import java.util.Optional;

/**
 * One committed write to a product's stock as the stock table's change feed shows it: the
 * history entry it makes, if it moved stock, and the events it raises.
 */
public record ObservedChange(Optional<HistoryEntry> entry, List<StockEvent> events) {

    public ObservedChange {
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return entry.isEmpty() && events.isEmpty();
    }
}
