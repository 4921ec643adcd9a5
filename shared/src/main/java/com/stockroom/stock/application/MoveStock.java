package com.stockroom.stock.application;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import java.util.Optional;

/** Move one product's stock by one action. */
public record MoveStock(ProductId productId, StockAction action, Quantity quantity, Optional<String> orderId) {

    public static MoveStock of(ProductId productId, StockAction action, Quantity quantity) {
        return new MoveStock(productId, action, quantity, Optional.empty());
    }
}
