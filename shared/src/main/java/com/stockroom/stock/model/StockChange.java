package com.stockroom.stock.model;

import java.time.Instant;

/**
 * A change to one product's stock, as the historic log keeps it: a move ({@link StockTransaction})
 * or the stock's deletion ({@link StockDeletion}). Each has a time-ordered id and says who made it.
 */
public sealed interface StockChange permits StockTransaction, StockDeletion {

    TransactionId id();

    ProductId productId();

    Instant createdAt();

    Attribution attribution();

    /** The action's name on the wire: {@code increment}, ..., or {@code delete}. */
    String wireName();

    /**
     * The numbers this change leaves behind, given the numbers before it, by plain arithmetic
     * and without asking whether the change was allowed: how the log is replayed.
     */
    Levels applyTo(Levels before);
}
