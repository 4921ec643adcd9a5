package com.stockroom.stock.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stock move as it was made, and who made it why: the entry the historic log is built from.
 * A move with an order's id is the order flow's; one without is an admin's stock transaction.
 */
public record StockTransaction(
        TransactionId id,
        ProductId productId,
        StockAction action,
        Quantity quantity,
        Optional<String> orderId,
        Instant createdAt,
        Attribution attribution) implements StockChange {

    public StockTransaction {
        Objects.requireNonNull(attribution, "attribution");
    }

    /** Whose move this is, which decides what it may take ({@link Stock#needs}). */
    public Mover mover() {
        return orderId.isPresent() ? Mover.ORDER : Mover.ADMIN;
    }

    @Override
    public String wireName() {
        return action.wireName();
    }

    @Override
    public Levels applyTo(Levels before) {
        return new Levels(
                before.total() + action.totalChange(quantity),
                before.available() + action.availableChange(quantity),
                before.allocated() + action.allocatedChange(quantity));
    }
}
