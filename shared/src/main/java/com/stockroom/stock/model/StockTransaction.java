package com.stockroom.stock.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One stock move as it was made, and who made it why: the entry the historic log is built from. */
public record StockTransaction(
        TransactionId id,
        ProductId productId,
        StockAction action,
        Quantity quantity,
        Optional<String> orderId,
        Instant createdAt,
        Attribution attribution) {

    public StockTransaction {
        Objects.requireNonNull(attribution, "attribution");
    }
}
