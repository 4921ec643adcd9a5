package com.stockroom.stock.model;

/**
 * Total, available and allocated as plain numbers, with no rule attached: what the historic log
 * recorded before and after a change, and what a replay of the log adds up to. Unlike
 * {@link Stock} these may be out of balance or negative, because a log that went wrong must
 * still be readable to be found wrong.
 */
public record Levels(long total, long available, long allocated) {

    public static final Levels ZERO = new Levels(0, 0, 0);

    /** Whether these could be a product's stock: total = available + allocated, none negative, total within bounds. */
    public boolean balanced() {
        return available >= 0 && allocated >= 0 && total == available + allocated && total <= Stock.MAX_TOTAL;
    }
}
