package com.stockroom.stock.application;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.ObservedChange;
import com.stockroom.stock.model.StockHistory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Writing a stock change to the historic log, once however often it is delivered. */
public final class RecordingStockHistory {

    /** How many entries one write takes: a DynamoDB batch write's most. */
    public static final int RUN = 25;

    private final StockHistory history;

    @Inject
    public RecordingStockHistory(StockHistory history) {
        this.history = history;
    }

    /** True if the entry is new; false if it was recorded before (a redelivery). */
    public boolean record(HistoryEntry entry) {
        return history.record(entry);
    }

    /**
     * Writes the history entries of a run of observed changes (those that moved stock, a stream
     * batch's), each once in effect however often it is delivered.
     */
    public void recordChanges(List<ObservedChange> changes) {
        List<HistoryEntry> entries = changes.stream().map(ObservedChange::entry).flatMap(Optional::stream).toList();
        if (!entries.isEmpty()) {
            history.recordAll(entries);
        }
    }
}
