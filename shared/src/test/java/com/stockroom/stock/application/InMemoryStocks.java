package com.stockroom.stock.application;

import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.Stocks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fake {@link Stocks} on a HashMap that enforces what the DynamoDB adapter's conditions
 * enforce, because both ask the model: create only if absent; move only if the stock meets what
 * {@link Stock#needs} for that action, quantity and mover (so an admin cannot release what
 * orders hold); delete only if nothing is allocated. It keeps every transaction it applied so
 * tests can see what was written.
 */
final class InMemoryStocks implements Stocks {

    private final Map<ProductId, Stock> stocks = new HashMap<>();
    private final List<StockTransaction> written = new ArrayList<>();

    /** Puts stock straight in, as if it had been created earlier. */
    InMemoryStocks with(Stock stock) {
        stocks.put(stock.productId(), stock);
        return this;
    }

    /** Every transaction a create or move applied, in order. */
    List<StockTransaction> written() {
        return List.copyOf(written);
    }

    @Override
    public synchronized CreateOutcome create(Stock initial, StockTransaction first) {
        if (stocks.containsKey(initial.productId())) {
            return new CreateOutcome.StockAlreadyExists(initial.productId());
        }
        stocks.put(initial.productId(), initial);
        written.add(first);
        return new CreateOutcome.StockCreated(initial, first);
    }

    @Override
    public synchronized Optional<Stock> find(ProductId productId) {
        return Optional.ofNullable(stocks.get(productId));
    }

    /** Answers in descending product id order, so callers cannot lean on the order they asked in. */
    @Override
    public synchronized List<Stock> findAll(Collection<ProductId> productIds) {
        return productIds.stream()
                .map(stocks::get)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing((Stock s) -> s.productId().value()).reversed())
                .toList();
    }

    @Override
    public synchronized Page<Stock> list(PageRequest page) {
        List<Stock> all = stocks.values().stream().sorted(Comparator.comparing(s -> s.productId().value())).toList();
        return new Page<>(all.subList(0, Math.min(page.limit(), all.size())), Optional.empty());
    }

    @Override
    public synchronized MoveOutcome move(StockTransaction transaction) {
        Stock current = stocks.get(transaction.productId());
        if (current == null) {
            return new MoveOutcome.StockNotFound(transaction.productId());
        }
        if (!current.permits(transaction.action(), transaction.quantity(), transaction.mover())) {
            return new MoveOutcome.MoveRefused(transaction, current);
        }
        stocks.put(current.productId(), current.after(transaction.action(), transaction.quantity(), transaction.mover()));
        written.add(transaction);
        return new MoveOutcome.StockMoved(transaction);
    }

    @Override
    public synchronized DeleteOutcome delete(ProductId productId) {
        Stock current = stocks.get(productId);
        if (current == null) {
            return new DeleteOutcome.StockNotFound(productId);
        }
        if (current.allocated() > 0) {
            return new DeleteOutcome.StockStillAllocated(current);
        }
        stocks.remove(productId);
        return new DeleteOutcome.StockDeleted(current);
    }
}
