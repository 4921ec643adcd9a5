package com.stockroom.stock.application;

import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Deleting stock, which is refused while anything is allocated. A deletion is a change like any
 * other: it gets a transaction id and its author, and the log records it.
 */
public final class DeletingStock {

    private final Stocks stocks;
    private final TransactionIds transactionIds;
    private final Clock clock;

    @Inject
    public DeletingStock(Stocks stocks, TransactionIds transactionIds, Clock clock) {
        this.stocks = stocks;
        this.transactionIds = transactionIds;
        this.clock = clock;
    }

    public DeleteOutcome delete(DeleteStock command) {
        return stocks.delete(new StockDeletion(transactionIds.next(), command.productId(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), command.attribution()));
    }
}
