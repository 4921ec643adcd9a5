package com.stockroom.stock.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Deleting a product's stock, logged as a change of its own: it takes every number to zero,
 * whatever they were (so it is no decrement: a decrement's quantity is 1 to 1,000,000,000,
 * while a deletion may take nothing, or more than that, off the books). Only stock with nothing
 * allocated may go ({@link Stock#DELETION}).
 */
public record StockDeletion(TransactionId id, ProductId productId, Instant createdAt, Attribution attribution) implements StockChange {

    public static final String WIRE_NAME = "delete";

    public StockDeletion {
        Objects.requireNonNull(attribution, "attribution");
    }

    @Override
    public String wireName() {
        return WIRE_NAME;
    }

    @Override
    public Levels applyTo(Levels before) {
        return Levels.ZERO;
    }
}
