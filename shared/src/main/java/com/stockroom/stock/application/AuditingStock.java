package com.stockroom.stock.application;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.StockAudit;
import com.stockroom.stock.model.StockHistory;
import com.stockroom.stock.model.StockState;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Reconciling a product's historic log with its stock. The log is read first and the stock
 * after it, so the stock is never older than the log: when they differ because a change is on
 * its way through the stream, the audit says the log has not caught up.
 */
public final class AuditingStock {

    private final StockHistory history;
    private final Stocks stocks;

    @Inject
    public AuditingStock(StockHistory history, Stocks stocks) {
        this.history = history;
        this.stocks = stocks;
    }

    /** The audit; empty for a product with neither stock (now or ever) nor history. */
    public Optional<StockAudit> audit(ProductId productId) {
        StockAudit.Replay replay = StockAudit.replay(productId);
        history.eachOldestFirst(productId, replay::add);
        Optional<StockState> state = stocks.state(productId);
        if (state.isEmpty() && replay.entries() == 0) {
            return Optional.empty();
        }
        return Optional.of(replay.against(state));
    }
}
