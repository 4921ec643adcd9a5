package com.stockroom.stock.model;

/** What became of deleting stock. */
public sealed interface DeleteOutcome {

    record StockDeleted(Stock last) implements DeleteOutcome {
    }

    /** Stock that is allocated to orders cannot go: nothing changed. */
    record StockStillAllocated(Stock current) implements DeleteOutcome {
    }

    record StockNotFound(ProductId productId) implements DeleteOutcome {
    }
}
