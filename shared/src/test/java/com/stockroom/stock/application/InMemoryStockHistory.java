package com.stockroom.stock.application;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.StockHistory;
import com.stockroom.stock.model.TransactionId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A tiny fake {@link StockHistory}: a list of entries, newest (highest sequence) first on listing. */
final class InMemoryStockHistory implements StockHistory {

    private final List<HistoryEntry> entries = new ArrayList<>();

    @Override
    public synchronized boolean record(HistoryEntry entry) {
        boolean known = entries.stream().anyMatch(e -> e.change().productId().equals(entry.change().productId())
                && e.change().id().equals(entry.change().id()));
        if (known) {
            return false;
        }
        entries.add(entry);
        return true;
    }

    @Override
    public synchronized void recordAll(List<HistoryEntry> many) {
        many.forEach(this::record);
    }

    @Override
    public synchronized Optional<HistoryEntry> find(ProductId productId, TransactionId transactionId) {
        return entries.stream()
                .filter(e -> e.change().productId().equals(productId) && e.change().id().equals(transactionId))
                .findFirst();
    }

    /** Ignores the cursor's content: the fake only ever has a first page. */
    @Override
    public synchronized Page<HistoryEntry> list(ProductId productId, PageRequest page) {
        List<HistoryEntry> mine = entries.stream()
                .filter(e -> e.change().productId().equals(productId))
                .sorted(Comparator.comparing(HistoryEntry::sequence).reversed())
                .limit(page.limit())
                .toList();
        return new Page<>(page.cursor().isPresent() ? List.of() : mine, Optional.empty());
    }

    @Override
    public synchronized void eachOldestFirst(ProductId productId, Consumer<HistoryEntry> each) {
        entries.stream()
                .filter(e -> e.change().productId().equals(productId))
                .sorted(Comparator.comparing(HistoryEntry::sequence))
                .toList()
                .forEach(each);
    }

    /** Takes an entry out, as a log that lost one would be. */
    synchronized void lose(HistoryEntry entry) {
        entries.remove(entry);
    }
}
