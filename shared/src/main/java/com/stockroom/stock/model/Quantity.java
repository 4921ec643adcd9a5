package com.stockroom.stock.model;

/** How many units one move or line is about: a whole number from 1 to 1,000,000,000. */
public record Quantity(long value) {

    public static final long MIN = 1;
    public static final long MAX = 1_000_000_000L;

    public Quantity {
        if (!isValid(value)) {
            throw new IllegalArgumentException("quantity must be from " + MIN + " to " + MAX);
        }
    }

    public static Quantity of(long value) {
        return new Quantity(value);
    }

    public static boolean isValid(long value) {
        return value >= MIN && value <= MAX;
    }
}
