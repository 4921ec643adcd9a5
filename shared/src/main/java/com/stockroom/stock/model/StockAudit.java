package com.stockroom.stock.model;

import java.util.Optional;

/**
 * A reconciliation of one product's historic log with its stock: what the whole log adds up to
 * when each change is applied to the numbers the changes before it left, starting from nothing;
 * the stock as it stands; and the first entry where the log parts from itself: one whose
 * recorded {@code before} is not what the entries before it add up to, or whose {@code after} is
 * not its {@code before} moved by its own change, or could not be stock at all.
 *
 * <p>The log is fed by the stock table's stream, so it trails the stock by moments. The audit
 * says whether the log already holds the stock's last change ({@link #caughtUp}): a disagreement
 * while it does not may be lag, one after it has caught up is not.
 */
public record StockAudit(
        ProductId productId,
        Levels replayed,
        Optional<Stock> current,
        long entries,
        Optional<HistoryEntry> newestEntry,
        Optional<StockChange> lastChange,
        Optional<Divergence> firstDivergence) {

    /** Where the log first parts: the entry, and the numbers it should have recorded. */
    public record Divergence(HistoryEntry entry, Levels expectedBefore, Levels expectedAfter) {
    }

    /** The log adds up to the stock (to nothing, for deleted stock) and never parts from itself. */
    public boolean agrees() {
        return firstDivergence.isEmpty() && replayed.equals(current.map(Stock::levels).orElse(Levels.ZERO));
    }

    /** Whether the log's newest entry is the stock's last change. */
    public boolean caughtUp() {
        return lastChange.isPresent() && newestEntry.map(e -> e.change().id()).equals(lastChange.map(StockChange::id));
    }

    public static Replay replay(ProductId productId) {
        return new Replay(productId);
    }

    /** Takes the log's entries one by one, oldest first, then sets them against the stock. */
    public static final class Replay {

        private final ProductId productId;
        private Levels replayed = Levels.ZERO;
        private long entries;
        private HistoryEntry newest;
        private Divergence first;

        private Replay(ProductId productId) {
            this.productId = productId;
        }

        public void add(HistoryEntry entry) {
            if (!entry.change().productId().equals(productId)) {
                throw new IllegalArgumentException("an entry of another product");
            }
            Levels expectedAfter = entry.change().applyTo(entry.before());
            boolean parts = !entry.before().equals(replayed) || !entry.after().equals(expectedAfter) || !entry.after().balanced();
            if (first == null && parts) {
                first = new Divergence(entry, replayed, expectedAfter);
            }
            replayed = entry.change().applyTo(replayed);
            entries++;
            newest = entry;
        }

        public long entries() {
            return entries;
        }

        /** The audit against what the stock table holds for the product (empty if it never had stock). */
        public StockAudit against(Optional<StockState> state) {
            return new StockAudit(productId, replayed,
                    state.flatMap(StockState::stock),
                    entries,
                    Optional.ofNullable(newest),
                    state.flatMap(StockState::lastChange),
                    Optional.ofNullable(first));
        }
    }
}
