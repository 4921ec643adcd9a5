package com.stockroom.stock.model;

/** What became of creating stock. */
public sealed interface CreateOutcome {

    record StockCreated(Stock stock, StockTransaction transaction) implements CreateOutcome {
    }

    record StockAlreadyExists(ProductId productId) implements CreateOutcome {
    }
}
