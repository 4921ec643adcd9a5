package com.stockroom.stock.application;

import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Setting or clearing the level at which a product's stock counts as low. It moves no stock, so
 * the historic log takes no entry for it; the stock's events follow it from the next change on
 * (or at once, when the new threshold puts available stock at or below it).
 */
public final class SettingLowStockThreshold {

    private final Stocks stocks;

    @Inject
    public SettingLowStockThreshold(Stocks stocks) {
        this.stocks = stocks;
    }

    /** The stock with its new threshold, or empty if the product has no stock. */
    public Optional<Stock> set(ProductId productId, Optional<LowStockThreshold> threshold) {
        return stocks.setLowStockThreshold(productId, threshold);
    }
}
