package com.stockroom.stock.application;

import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;

/** Deleting stock, which is refused while anything is allocated. */
public final class DeletingStock {

    private final Stocks stocks;

    @Inject
    public DeletingStock(Stocks stocks) {
        this.stocks = stocks;
    }

    public DeleteOutcome delete(ProductId productId) {
        return stocks.delete(productId);
    }
}
