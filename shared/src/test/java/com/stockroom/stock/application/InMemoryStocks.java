package com.stockroom.stock.application;

import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockChange;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockState;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.Stocks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake {@link Stocks} on a HashMap that enforces exactly what the DynamoDB adapter's
 * conditions enforce, because both ask the model: a move only if the stock meets what
 * {@link Stock#needs} for that action, quantity and mover; a deletion only if it meets
 * {@link Stock#DELETION}; a move that is already the last change is done, not done again; a
 * deleted product keeps its last change (the adapter's tombstone) and reads as no stock. It keeps
 * every change it applied so tests can see what was written.
 */
final class InMemoryStocks implements Stocks {

    /** What the table holds for a product: its stock (none once deleted) and its last change. */
    private record Item(Optional<Stock> stock, Optional<StockChange> last) {
    }

    private final Map<ProductId, Item> items = new HashMap<>();
    private final List<StockChange> written = new ArrayList<>();

    /** Puts stock straight in, as if it had been created earlier. */
    InMemoryStocks with(Stock stock) {
        items.put(stock.productId(), new Item(Optional.of(stock), Optional.empty()));
        return this;
    }

    /** Every change a create, move or delete applied, in order. */
    List<StockChange> written() {
        return List.copyOf(written);
    }

    @Override
    public synchronized CreateOutcome create(Stock initial, StockTransaction first) {
        if (current(initial.productId()).isPresent()) {
            return new CreateOutcome.StockAlreadyExists(initial.productId());
        }
        apply(initial, first);
        return new CreateOutcome.StockCreated(initial, first);
    }

    @Override
    public synchronized Optional<Stock> find(ProductId productId) {
        return current(productId);
    }

    /** Answers in descending product id order, so callers cannot lean on the order they asked in. */
    @Override
    public synchronized List<Stock> findAll(Collection<ProductId> productIds) {
        return productIds.stream()
                .map(this::current)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing((Stock s) -> s.productId().value()).reversed())
                .toList();
    }

    @Override
    public synchronized Page<Stock> list(PageRequest page) {
        List<Stock> all = items.values().stream().map(Item::stock).flatMap(Optional::stream)
                .sorted(Comparator.comparing(s -> s.productId().value())).toList();
        return new Page<>(all.subList(0, Math.min(page.limit(), all.size())), Optional.empty());
    }

    @Override
    public synchronized MoveOutcome move(StockTransaction transaction) {
        Optional<Stock> current = current(transaction.productId());
        if (current.isEmpty()) {
            return new MoveOutcome.StockNotFound(transaction.productId());
        }
        if (items.get(transaction.productId()).last().map(StockChange::id).equals(Optional.of(transaction.id()))) {
            return new MoveOutcome.StockMoved(transaction);
        }
        if (!current.get().permits(transaction.action(), transaction.quantity(), transaction.mover())) {
            return new MoveOutcome.MoveRefused(transaction, current.get());
        }
        apply(current.get().after(transaction.action(), transaction.quantity(), transaction.mover()), transaction);
        return new MoveOutcome.StockMoved(transaction);
    }

    @Override
    public synchronized DeleteOutcome delete(StockDeletion deletion) {
        Optional<Stock> current = current(deletion.productId());
        if (current.isEmpty()) {
            return new DeleteOutcome.StockNotFound(deletion.productId());
        }
        if (!current.get().permitsDeletion()) {
            return new DeleteOutcome.StockStillAllocated(current.get());
        }
        items.put(deletion.productId(), new Item(Optional.empty(), Optional.of(deletion)));
        written.add(deletion);
        return new DeleteOutcome.StockDeleted(current.get(), deletion);
    }

    @Override
    public synchronized Optional<Stock> setLowStockThreshold(ProductId productId, Optional<LowStockThreshold> threshold) {
        Optional<Stock> current = current(productId);
        current.ifPresent(stock -> items.put(productId, new Item(Optional.of(stock.withLowStockThreshold(threshold)),
                items.get(productId).last())));
        return current(productId);
    }

    @Override
    public synchronized Optional<StockState> state(ProductId productId) {
        return Optional.ofNullable(items.get(productId)).map(item -> new StockState(productId, item.stock(), item.last()));
    }

    private Optional<Stock> current(ProductId productId) {
        return Optional.ofNullable(items.get(productId)).map(Item::stock).flatMap(s -> s);
    }

    private void apply(Stock stock, StockChange change) {
        items.put(Objects.requireNonNull(stock.productId()), new Item(Optional.of(stock), Optional.of(change)));
        written.add(change);
    }
}
