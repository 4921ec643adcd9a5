package com.stockroom.stock.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every product's stock. Implementations make each change one atomic, conditional write whose
 * condition is built from the rule's {@link Bound}s ({@link Stock#needs}, {@link Stock#DELETION}):
 * the invariant is guarded where the data lives, never by reading and then writing.
 */
public interface Stocks {

    /** Creates the stock unless some already exists for the product; {@code first} is the log's first entry. */
    CreateOutcome create(Stock initial, StockTransaction first);

    /** The product's stock; none if it never had any or it was deleted. */
    Optional<Stock> find(ProductId productId);

    /** The stock of those of {@code productIds} that have any, in no particular order. */
    List<Stock> findAll(Collection<ProductId> productIds);

    Page<Stock> list(PageRequest page);

    /** Applies the transaction's action if the stock meets what it needs, recording it as the last change. */
    MoveOutcome move(StockTransaction transaction);

    /** Deletes the stock unless anything is allocated, recording the deletion as the last change. */
    DeleteOutcome delete(StockDeletion deletion);

    /**
     * Sets (or, given none, clears) the product's low stock threshold, in one conditional write
     * that leaves its numbers and last change as they are; the stock after it, or empty if the
     * product has no stock.
     */
    Optional<Stock> setLowStockThreshold(ProductId productId, Optional<LowStockThreshold> threshold);

    /** The product's stock with its last change, deleted or not; empty if it never had stock. */
    Optional<StockState> state(ProductId productId);
}
