package com.stockroom.stock.model;

import com.stockroom.stock.model.Bound.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One product's stock. Always {@code total = available + allocated}, none of them negative,
 * and total no larger than {@link #MAX_TOTAL}. Of what is allocated, {@code adminAllocated} is
 * what admins allocated by hand; the rest is held by orders. A {@code lowStockThreshold}, when
 * set, is the available level at or below which the stock counts as low ({@link StockCrossing}).
 *
 * <p>This is the one home of the stock rules. Each change's rule is data: the {@link Bound}s it
 * needs the stock to meet before it ({@link #needs}, {@link #DELETION}). {@link #permits} checks
 * them here; the DynamoDB adapter builds its condition expressions from the same bounds.
 */
public record Stock(ProductId productId, long total, long available, long allocated, long adminAllocated,
                    Optional<LowStockThreshold> lowStockThreshold) {

    /** The most one product may hold: far beyond any real stock, well inside a Java long. */
    public static final long MAX_TOTAL = 1_000_000_000_000_000L;

    /**
     * Deleting stock needs nothing allocated, to orders or by admins. (Admins' allocations are
     * part of {@code allocated}, so one bound covers both.)
     */
    public static final List<Bound> DELETION = List.of(Bound.atMost(Level.ALLOCATED, 0));

    /**
     * {@code adminAllocated} is at most {@code allocated} as long as orders release only what they
     * hold; that is the order flow's promise, which no stored number can prove, so it is not
     * checked here: the rules bound both numbers wherever a move takes from them.
     */
    public Stock {
        if (available < 0 || allocated < 0 || total != available + allocated || total > MAX_TOTAL || adminAllocated < 0) {
            throw new IllegalArgumentException("stock levels out of balance: " + total + "/" + available + "/" + allocated
                    + " (admins " + adminAllocated + ")");
        }
        lowStockThreshold = lowStockThreshold == null ? Optional.empty() : lowStockThreshold;
    }

    /** Stock with no low stock threshold. */
    public Stock(ProductId productId, long total, long available, long allocated, long adminAllocated) {
        this(productId, total, available, allocated, adminAllocated, Optional.empty());
    }

    /** Stock none of whose allocation admins made. */
    public Stock(ProductId productId, long total, long available, long allocated) {
        this(productId, total, available, allocated, 0);
    }

    public static Stock none(ProductId productId) {
        return new Stock(productId, 0, 0, 0);
    }

    public static Stock initial(ProductId productId, Quantity quantity) {
        return new Stock(productId, quantity.value(), quantity.value(), 0);
    }

    /** The first stock of a product, with the threshold it is created with, if any. */
    public static Stock initial(ProductId productId, Quantity quantity, Optional<LowStockThreshold> lowStockThreshold) {
        return new Stock(productId, quantity.value(), quantity.value(), 0, 0, lowStockThreshold);
    }

    /** The same stock with another threshold, or none. */
    public Stock withLowStockThreshold(Optional<LowStockThreshold> threshold) {
        return new Stock(productId, total, available, allocated, adminAllocated, threshold);
    }

    /** Whether the threshold is set and available stock is at or below it. */
    public boolean isLow() {
        return lowStockThreshold.isPresent() && lowStockThreshold.get().isReachedBy(available);
    }

    /**
     * How {@code action} of {@code quantity}, made by {@code mover}, changes one number: the
     * action's signed change per unit, times the quantity. Only admins' own moves change what
     * admins hold.
     */
    public static long change(Level level, StockAction action, Quantity quantity, Mover mover) {
        return switch (level) {
            case TOTAL -> action.totalChange(quantity);
            case AVAILABLE -> action.availableChange(quantity);
            case ALLOCATED -> action.allocatedChange(quantity);
            case ADMIN_ALLOCATED -> mover == Mover.ADMIN ? action.allocatedChange(quantity) : 0;
        };
    }

    /**
     * What a move needs of the stock before it, derived from its changes: a number it takes from
     * must hold at least what it takes (so none falls below zero), and a total it adds to must
     * leave room under {@link #MAX_TOTAL}. Available and allocated need no ceiling of their own
     * (each is at most the total), and the total no floor (it is their sum). So an admin's
     * deallocate needs both {@code allocated} and {@code adminAllocated} to cover it, an order's
     * only {@code allocated}.
     */
    public static List<Bound> needs(StockAction action, Quantity quantity, Mover mover) {
        List<Bound> bounds = new ArrayList<>(3);
        long totalChange = change(Level.TOTAL, action, quantity, mover);
        if (totalChange > 0) {
            bounds.add(Bound.atMost(Level.TOTAL, MAX_TOTAL - totalChange));
        }
        for (Level level : List.of(Level.AVAILABLE, Level.ALLOCATED, Level.ADMIN_ALLOCATED)) {
            long levelChange = change(level, action, quantity, mover);
            if (levelChange < 0) {
                bounds.add(Bound.atLeast(level, -levelChange));
            }
        }
        return List.copyOf(bounds);
    }

    public long level(Level level) {
        return switch (level) {
            case TOTAL -> total;
            case AVAILABLE -> available;
            case ALLOCATED -> allocated;
            case ADMIN_ALLOCATED -> adminAllocated;
        };
    }

    public boolean meets(List<Bound> bounds) {
        return bounds.stream().allMatch(bound -> bound.isMetBy(level(bound.level())));
    }

    /** Whether {@code mover} may make {@code action} of {@code quantity}: whether this stock meets what it {@link #needs}. */
    public boolean permits(StockAction action, Quantity quantity, Mover mover) {
        return meets(needs(action, quantity, mover));
    }

    /** Whether this stock may be deleted: whether it meets {@link #DELETION}. */
    public boolean permitsDeletion() {
        return meets(DELETION);
    }

    /** The stock after the move; only for a move that {@link #permits} allows. */
    public Stock after(StockAction action, Quantity quantity, Mover mover) {
        if (!permits(action, quantity, mover)) {
            throw new IllegalStateException(action.wireName() + " of " + quantity.value() + " by " + mover + " is not permitted");
        }
        return new Stock(productId,
                total + change(Level.TOTAL, action, quantity, mover),
                available + change(Level.AVAILABLE, action, quantity, mover),
                allocated + change(Level.ALLOCATED, action, quantity, mover),
                adminAllocated + change(Level.ADMIN_ALLOCATED, action, quantity, mover),
                lowStockThreshold);
    }

    /** Total, available and allocated, as the log records them. */
    public Levels levels() {
        return new Levels(total, available, allocated);
    }
}
