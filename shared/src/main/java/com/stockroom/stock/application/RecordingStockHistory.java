package com.stockroom.stock.application;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.StockHistory;
import jakarta.inject.Inject;

/** Writing a stock change to the historic log, once however often it is delivered. */
public final class RecordingStockHistory {

    private final StockHistory history;

    @Inject
    public RecordingStockHistory(StockHistory history) {
        this.history = history;
    }

    /** True if the entry is new; false if it was recorded before (a redelivery). */
    public boolean record(HistoryEntry entry) {
        return history.record(entry);
    }
}
