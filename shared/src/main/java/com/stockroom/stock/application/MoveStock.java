package com.stockroom.stock.application;

import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import java.util.Optional;

/** Move one product's stock by one action, on someone's account. */
public record MoveStock(ProductId productId, StockAction action, Quantity quantity, Optional<String> orderId, Attribution attribution) {

    public static MoveStock of(ProductId productId, StockAction action, Quantity quantity, Attribution attribution) {
        return new MoveStock(productId, action, quantity, Optional.empty(), attribution);
    }
}
