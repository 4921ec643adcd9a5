package com.stockroom.stock.model;

/**
 * One thing a stock change needs of the stock before it: one of its numbers at least, or at
 * most, some value. This is the rule as data: {@link Stock} checks its own numbers against the
 * bounds it hands out, and the DynamoDB adapter turns the very same bounds into the write's
 * condition expression, so what the model permits and what the database accepts cannot drift.
 */
public record Bound(Level level, Side side, long value) {

    /** The numbers a rule can bound. */
    public enum Level {
        TOTAL,
        AVAILABLE,
        ALLOCATED,
        /** How much of {@code ALLOCATED} admins allocated by hand (stock transactions without an order). */
        ADMIN_ALLOCATED
    }

    public enum Side {
        AT_LEAST,
        AT_MOST
    }

    public static Bound atLeast(Level level, long value) {
        return new Bound(level, Side.AT_LEAST, value);
    }

    public static Bound atMost(Level level, long value) {
        return new Bound(level, Side.AT_MOST, value);
    }

    /** Whether {@code actual}, the current value of this bound's number, meets it. */
    public boolean isMetBy(long actual) {
        return side == Side.AT_LEAST ? actual >= value : actual <= value;
    }
}
