package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * From a random start, walks 10,000 random moves, by admins and by orders, through
 * {@link Stock#permits} and {@link Stock#after}, checking after every step that the invariant
 * holds and that a move was refused exactly when plain arithmetic says it would break a bound:
 * a number below zero (admins' own allocation among them), or the total past its largest.
 */
class StockInvariantPropertyTest {

    private static final int STEPS = 10_000;
    private static final ProductId SKU = new ProductId("property-sku");
    private static final StockAction[] ACTIONS = StockAction.values();
    private static final Mover[] MOVERS = Mover.values();

    @Test
    void random_walk_of_ten_thousand_moves_keeps_total_equal_to_available_plus_allocated_and_none_negative() {
        long seed = new SplittableRandom(0x5EED_CAFE_2024L).nextLong();
        Random random = new Random(seed);

        long startAvailable = random.nextInt(10_000);
        long startAllocated = random.nextInt(10_000);
        Walk walk = walk(new Stock(SKU, startAvailable + startAllocated, startAvailable, startAllocated, startAllocated / 2), random, seed,
                () -> Quantity.of(random.nextInt(10) == 0 ? 1 + random.nextInt(1_000_000) : 1 + random.nextInt(2_000)));

        // the walk must have exercised both sides of permits for every action, or it proves little
        for (StockAction action : ACTIONS) {
            assertThat(walk.permitted[action.ordinal()]).as("seed %d: permitted %s", seed, action).isPositive();
        }
        for (StockAction action : ACTIONS) {
            if (action != StockAction.INCREMENT) { // far from MAX_TOTAL, only the moves that take away can be refused
                assertThat(walk.refused[action.ordinal()]).as("seed %d: refused %s", seed, action).isPositive();
            }
        }
    }

    @Test
    void random_walk_near_max_total_never_lets_total_pass_max_total() {
        long seed = new SplittableRandom(0xFEED_BEEF_0001L).nextLong();
        Random random = new Random(seed);

        long startAllocated = random.nextInt(1_000_000);
        long startTotal = Stock.MAX_TOTAL - random.nextInt(1_000_000_000);
        Walk walk = walk(new Stock(SKU, startTotal, startTotal - startAllocated, startAllocated), random, seed,
                () -> Quantity.of(1 + random.nextInt((int) Quantity.MAX)));

        assertThat(walk.refused[StockAction.INCREMENT.ordinal()]).as("seed %d: refused increments", seed).isPositive();
        assertThat(walk.permitted[StockAction.INCREMENT.ordinal()]).as("seed %d: permitted increments", seed).isPositive();
    }

    private static Walk walk(Stock start, Random random, long seed, java.util.function.Supplier<Quantity> quantities) {
        Walk walk = new Walk();
        Stock stock = start;
        for (int step = 0; step < STEPS; step++) {
            StockAction action = ACTIONS[random.nextInt(ACTIONS.length)];
            Mover mover = MOVERS[random.nextInt(MOVERS.length)];
            Quantity quantity = quantities.get();
            String where = "seed " + seed + ", step " + step + ": " + action + " " + quantity.value() + " by " + mover + " on " + stock;

            long expectedTotal = stock.total() + action.totalChange(quantity);
            long expectedAvailable = stock.available() + action.availableChange(quantity);
            long expectedAllocated = stock.allocated() + action.allocatedChange(quantity);
            long expectedAdmin = stock.adminAllocated() + (mover == Mover.ADMIN ? action.allocatedChange(quantity) : 0);
            boolean inRange = expectedAvailable >= 0 && expectedAllocated >= 0 && expectedAdmin >= 0 && expectedTotal <= Stock.MAX_TOTAL;

            assertThat(stock.permits(action, quantity, mover)).as(where).isEqualTo(inRange);
            if (inRange) {
                stock = stock.after(action, quantity, mover);
                assertThat(stock.total()).as(where).isEqualTo(expectedTotal);
                assertThat(stock.available()).as(where).isEqualTo(expectedAvailable);
                assertThat(stock.allocated()).as(where).isEqualTo(expectedAllocated);
                assertThat(stock.adminAllocated()).as(where).isEqualTo(expectedAdmin);
                walk.permitted[action.ordinal()]++;
            } else {
                Stock current = stock;
                assertThatThrownBy(() -> current.after(action, quantity, mover)).as(where).isInstanceOf(IllegalStateException.class);
                walk.refused[action.ordinal()]++;
            }

            assertThat(stock.total()).as(where).isEqualTo(stock.available() + stock.allocated());
            assertThat(stock.total()).as(where).isNotNegative().isLessThanOrEqualTo(Stock.MAX_TOTAL);
            assertThat(stock.available()).as(where).isNotNegative();
            assertThat(stock.allocated()).as(where).isNotNegative();
            assertThat(stock.productId()).as(where).isEqualTo(SKU);
        }
        return walk;
    }

    private static final class Walk {
        final int[] permitted = new int[ACTIONS.length];
        final int[] refused = new int[ACTIONS.length];
    }
}
