package com.stockroom.stock.application;

import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading stock: one product, several, or all of them a page at a time. */
public final class ReadingStock {

    private final Stocks stocks;

    @Inject
    public ReadingStock(Stocks stocks) {
        this.stocks = stocks;
    }

    public Optional<Stock> one(ProductId productId) {
        return stocks.find(productId);
    }

    /** The stock of each of {@code productIds} that has any, in the order asked for. */
    public List<Stock> several(List<ProductId> productIds) {
        List<Stock> found = new ArrayList<>(stocks.findAll(Set.copyOf(productIds)));
        found.sort(Comparator.comparingInt(s -> productIds.indexOf(s.productId())));
        return found;
    }

    public Page<Stock> page(PageRequest request) {
        return stocks.list(request);
    }
}
