package com.stockroom.stock.model;

/**
 * One product's stock. Always {@code total = available + allocated}, none of them negative,
 * and total no larger than {@link #MAX_TOTAL}.
 */
public record Stock(ProductId productId, long total, long available, long allocated) {

    /** The most one product may hold: far beyond any real stock, well inside a Java long. */
    public static final long MAX_TOTAL = 1_000_000_000_000_000L;

    public Stock {
        if (available < 0 || allocated < 0 || total != available + allocated || total > MAX_TOTAL) {
            throw new IllegalArgumentException("stock levels out of balance: " + total + "/" + available + "/" + allocated);
        }
    }

    public static Stock none(ProductId productId) {
        return new Stock(productId, 0, 0, 0);
    }

    public static Stock initial(ProductId productId, Quantity quantity) {
        return new Stock(productId, quantity.value(), quantity.value(), 0);
    }

    /** Whether {@code action} of {@code quantity} keeps every number in range. */
    public boolean permits(StockAction action, Quantity quantity) {
        long newTotal = total + action.totalChange(quantity);
        long newAvailable = available + action.availableChange(quantity);
        long newAllocated = allocated + action.allocatedChange(quantity);
        return newAvailable >= 0 && newAllocated >= 0 && newTotal <= MAX_TOTAL;
    }

    /** The stock after {@code action}; only for a move that {@link #permits} allows. */
    public Stock after(StockAction action, Quantity quantity) {
        if (!permits(action, quantity)) {
            throw new IllegalStateException(action.wireName() + " of " + quantity.value() + " is not permitted");
        }
        return new Stock(productId,
                total + action.totalChange(quantity),
                available + action.availableChange(quantity),
                allocated + action.allocatedChange(quantity));
    }
}
