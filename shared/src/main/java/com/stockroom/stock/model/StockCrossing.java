package com.stockroom.stock.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A product's available stock crossing a line a merchant watches: down to its low stock
 * threshold, down to nothing, or up from nothing. Each is decided from the stock just before and
 * just after one change, and only there, so a sequence of changes yields each crossing exactly
 * once: {@link #LOW} when the stock becomes low (available at or below its threshold, where it
 * was not: above it, or with no threshold at all),
 * {@link #OUT} when it goes from above 0 to 0, {@link #BACK_IN_STOCK} when it goes from 0 to
 * above 0. Stock that does not exist (before it is created, once it is deleted) crosses nothing.
 */
public enum StockCrossing {

    LOW("stock.low"),
    OUT("stock.out"),
    BACK_IN_STOCK("stock.back_in_stock");

    private final String eventType;

    StockCrossing(String eventType) {
        this.eventType = eventType;
    }

    /** The event's name: {@code stock.low}, {@code stock.out}, {@code stock.back_in_stock}. */
    public String eventType() {
        return eventType;
    }

    /**
     * The crossings of one change, in this enum's order. The threshold of each side is that
     * side's own, so raising the threshold to or over what is available is a crossing too, and so
     * is setting a first one there: a merchant who starts watching a product that is already low
     * hears of it at once, not only after it has been restocked and sold down again.
     */
    public static List<StockCrossing> between(Optional<Stock> before, Optional<Stock> after) {
        List<StockCrossing> crossings = new ArrayList<>(2);
        if (before.isEmpty() || after.isEmpty()) {
            return crossings;
        }
        Stock from = before.get();
        Stock to = after.get();
        if (!from.isLow() && to.isLow()) {
            crossings.add(LOW);
        }
        if (from.available() > 0 && to.available() == 0) {
            crossings.add(OUT);
        }
        if (from.available() == 0 && to.available() > 0) {
            crossings.add(BACK_IN_STOCK);
        }
        return crossings;
    }
}
