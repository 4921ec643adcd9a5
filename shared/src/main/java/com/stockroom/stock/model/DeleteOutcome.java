package com.stockroom.stock.model;

/** What became of deleting stock. */
public sealed interface DeleteOutcome {

    /** The stock is gone; {@code last} is what it held, and the log will show {@code deletion}. */
    record StockDeleted(Stock last, StockDeletion deletion) implements DeleteOutcome {
    }

    /** Stock that is allocated to orders cannot go: nothing changed. */
    record StockStillAllocated(Stock current) implements DeleteOutcome {
    }

    record StockNotFound(ProductId productId) implements DeleteOutcome {
    }
}
