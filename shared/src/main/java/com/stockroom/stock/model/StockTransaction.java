package com.stockroom.stock.model;

import java.time.Instant;
import java.util.Optional;

/** One stock move as it was made: the entry the historic log is built from. */
public record StockTransaction(
        TransactionId id,
        ProductId productId,
        StockAction action,
        Quantity quantity,
        Optional<String> orderId,
        Instant createdAt) {
}
