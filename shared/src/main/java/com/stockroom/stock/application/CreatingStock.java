package com.stockroom.stock.application;

import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Creating stock: the product's first numbers, logged as an increment from nothing. */
public final class CreatingStock {

    private final Stocks stocks;
    private final TransactionIds transactionIds;
    private final Clock clock;

    @Inject
    public CreatingStock(Stocks stocks, TransactionIds transactionIds, Clock clock) {
        this.stocks = stocks;
        this.transactionIds = transactionIds;
        this.clock = clock;
    }

    public CreateOutcome create(CreateStock command) {
        StockTransaction first = new StockTransaction(
                transactionIds.next(), command.productId(), StockAction.INCREMENT, command.quantity(),
                Optional.empty(), clock.instant().truncatedTo(ChronoUnit.MILLIS), command.attribution());
        return stocks.create(Stock.initial(command.productId(), command.quantity(), command.lowStockThreshold()), first);
    }
}
