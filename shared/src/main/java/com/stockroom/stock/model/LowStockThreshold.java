package com.stockroom.stock.model;

/**
 * The level of available stock at or below which a product's stock counts as low: a whole
 * number from 0 to 1,000,000,000 (a threshold of 0 makes "low" the same as "out").
 */
public record LowStockThreshold(long value) {

    public static final long MIN = 0;
    public static final long MAX = 1_000_000_000L;

    public LowStockThreshold {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a low stock threshold must be from " + MIN + " to " + MAX);
        }
    }

    public static boolean isValid(long value) {
        return value >= MIN && value <= MAX;
    }

    /** Whether {@code available} units are at or below this threshold. */
    public boolean isReachedBy(long available) {
        return available <= value;
    }
}
