package com.stockroom.stock.model;

import java.util.Optional;

/**
 * What the stock table holds for a product that has ever had stock: its stock, or none once it
 * was deleted, and the last change it committed (a deletion, for deleted stock): the change the
 * historic log should end with once the stream has caught up.
 */
public record StockState(ProductId productId, Optional<Stock> stock, Optional<StockChange> lastChange) {
}
