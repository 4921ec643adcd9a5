package com.stockroom.stock.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every product's stock. Implementations make each change one atomic, conditional write: the
 * invariant is guarded where the data lives, never by reading and then writing.
 */
public interface Stocks {

    /** Creates the stock unless some already exists for the product; {@code first} is the log's first entry. */
    CreateOutcome create(Stock initial, StockTransaction first);

    Optional<Stock> find(ProductId productId);

    /** The stock of those of {@code productIds} that have any, in no particular order. */
    List<Stock> findAll(Collection<ProductId> productIds);

    Page<Stock> list(PageRequest page);

    /** Applies the transaction's action if it keeps every number in range, recording it as the last transaction. */
    MoveOutcome move(StockTransaction transaction);

    /** Deletes the stock unless anything is allocated. */
    DeleteOutcome delete(ProductId productId);
}
