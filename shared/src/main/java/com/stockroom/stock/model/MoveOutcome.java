package com.stockroom.stock.model;

/** What became of a stock move: made, refused because it would break the invariant, or no such stock. */
public sealed interface MoveOutcome {

    record StockMoved(StockTransaction transaction) implements MoveOutcome {
    }

    /** The move would have taken a number below zero (or past the largest stock); nothing changed. */
    record MoveRefused(StockTransaction attempted, Stock current) implements MoveOutcome {
    }

    record StockNotFound(ProductId productId) implements MoveOutcome {
    }
}
