package com.stockroom.stock.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four ways stock moves, each as the signed change it makes to total, available and
 * allocated per unit. Every action keeps {@code total = available + allocated}; what it may
 * not do is take any of the three below zero.
 */
public enum StockAction {
    INCREMENT("increment", +1, +1, 0),
    DECREMENT("decrement", -1, -1, 0),
    ALLOCATE("allocate", 0, -1, +1),
    DEALLOCATE("deallocate", 0, +1, -1);

    private final String wireName;
    private final int total;
    private final int available;
    private final int allocated;

    StockAction(String wireName, int total, int available, int allocated) {
        this.wireName = wireName;
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

    public static Optional<StockAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
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
