package com.stockroom.stock.application;

import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import java.util.Optional;

/** Start keeping stock of a product, with its first quantity and optionally a low stock threshold, on someone's account. */
public record CreateStock(ProductId productId, Quantity quantity, Optional<LowStockThreshold> lowStockThreshold, Attribution attribution) {

    /** With no low stock threshold. */
    public CreateStock(ProductId productId, Quantity quantity, Attribution attribution) {
        this(productId, quantity, Optional.empty(), attribution);
    }
}
