package com.stockroom.stock.application;

import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Moving stock by a stock transaction: increment, decrement, allocate or deallocate. */
public final class MovingStock {

    private final Stocks stocks;
    private final TransactionIds transactionIds;
    private final Clock clock;

    @Inject
    public MovingStock(Stocks stocks, TransactionIds transactionIds, Clock clock) {
        this.stocks = stocks;
        this.transactionIds = transactionIds;
        this.clock = clock;
    }

    public MoveOutcome move(MoveStock command) {
        return stocks.move(new StockTransaction(
                transactionIds.next(), command.productId(), command.action(), command.quantity(),
                command.orderId(), clock.instant().truncatedTo(ChronoUnit.MILLIS), command.attribution()));
    }
}
