package com.stockroom.stock.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ways stock moves, each as the signed change it makes to total, available and allocated
 * per unit. Every action keeps {@code total = available + allocated}; what it may not do is
 * take any of the three below zero.
 *
 * <p>The first four are Elastic Path's stock transactions, which admins make directly. Shipping
 * an order is a decrement too, but of allocated stock: it shows in the log as a
 * {@code decrement} with the order's id, and its before and after numbers say which.
 */
public enum StockAction {
    INCREMENT("increment", +1, +1, 0, true),
    DECREMENT("decrement", -1, -1, 0, true),
    ALLOCATE("allocate", 0, -1, +1, true),
    DEALLOCATE("deallocate", 0, +1, -1, true),
    DECREMENT_ALLOCATED("decrement", -1, 0, -1, false);

    private final String wireName;
    private final int total;
    private final int available;
    private final int allocated;
    private final boolean transactionAction;

    StockAction(String wireName, int total, int available, int allocated, boolean transactionAction) {
        this.wireName = wireName;
        this.transactionAction = transactionAction;
        this.total = total;
        this.available = available;
        this.allocated = allocated;
        if (total != available + allocated) {
            throw new AssertionError(wireName + " would break total = available + allocated");
        }
    }

    public String wireName() {
        return wireName;
    }

    /** One of the four actions a stock transaction may name; shipping's decrement is not one. */
    public static Optional<StockAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.transactionAction && a.wireName.equals(name)).findFirst();
    }

    public long totalChange(Quantity q) {
        return total * q.value();
    }

    public long availableChange(Quantity q) {
        return available * q.value();
    }

    public long allocatedChange(Quantity q) {
        return allocated * q.value();
    }
}
