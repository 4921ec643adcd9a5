package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Over random sequences of stock moves (and threshold changes), each crossing is reported once
 * per crossing: as many {@code stock.low} as times the stock went from not low to low, as many
 * {@code stock.out} as times available went from some to none, as many
 * {@code stock.back_in_stock} as from none to some; {@code out} and {@code back_in_stock}
 * alternate, and two {@code low} never follow each other without the stock rising above the
 * threshold between them.
 */
class StockCrossingPropertyTest {

    private static final ProductId SKU = new ProductId("property-sku");

    /** One step: a move of some quantity by someone, or a new threshold. */
    record Step(StockAction action, long quantity, Mover mover, Optional<Long> newThreshold) {

        /** The stock this step leaves, or none when the rules refuse the move. */
        Optional<Stock> from(Stock stock) {
            if (newThreshold.isPresent()) {
                return Optional.of(stock.withLowStockThreshold(threshold(newThreshold.get())));
            }
            Quantity moved = Quantity.of(quantity);
            return stock.permits(action, moved, mover) ? Optional.of(stock.after(action, moved, mover)) : Optional.empty();
        }
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Step> moves = Combinators.combine(Arbitraries.of(StockAction.class), Arbitraries.longs().between(1, 12),
                Arbitraries.of(Mover.class)).as((action, quantity, mover) -> new Step(action, quantity, mover, Optional.empty()));
        // A threshold step sets one from 0 to 15, or clears it (-1).
        Arbitrary<Step> thresholds = Arbitraries.longs().between(-1, 15)
                .map(t -> new Step(StockAction.INCREMENT, 1, Mover.ADMIN, Optional.of(t)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, moves), net.jqwik.api.Tuple.of(1, thresholds));
    }

    @Property(tries = 500)
    void every_crossing_is_reported_exactly_once(@ForAll @IntRange(min = 1, max = 30) int start,
                                                 @ForAll @IntRange(min = 0, max = 15) int threshold,
                                                 @ForAll @Size(max = 200) List<@net.jqwik.api.From("steps") Step> steps) {
        Stock stock = new Stock(SKU, start, start, 0, 0, Optional.of(new LowStockThreshold(threshold)));
        List<Stock> states = new ArrayList<>(List.of(stock));
        List<StockCrossing> reported = new ArrayList<>();
        for (Step step : steps) {
            Optional<Stock> taken = step.from(stock);
            if (taken.isEmpty()) {
                continue;
            }
            Stock next = taken.get();
            List<StockCrossing> crossings = StockCrossing.between(Optional.of(stock), Optional.of(next));
            assertThat(crossings).doesNotHaveDuplicates();
            reported.addAll(crossings);
            states.add(next);
            stock = next;
        }

        int lows = 0;
        int outs = 0;
        int backs = 0;
        for (int i = 1; i < states.size(); i++) {
            Stock before = states.get(i - 1);
            Stock after = states.get(i);
            lows += !before.isLow() && after.isLow() ? 1 : 0;
            outs += before.available() > 0 && after.available() == 0 ? 1 : 0;
            backs += before.available() == 0 && after.available() > 0 ? 1 : 0;
        }
        assertThat(reported.stream().filter(StockCrossing.LOW::equals).count()).isEqualTo(lows);
        assertThat(reported.stream().filter(StockCrossing.OUT::equals).count()).isEqualTo(outs);
        assertThat(reported.stream().filter(StockCrossing.BACK_IN_STOCK::equals).count()).isEqualTo(backs);

        List<StockCrossing> outAndBack = reported.stream().filter(c -> c != StockCrossing.LOW).toList();
        for (int i = 0; i < outAndBack.size(); i++) {
            // Stock starts with some available, so the first is out, then back, then out...
            assertThat(outAndBack.get(i)).isEqualTo(i % 2 == 0 ? StockCrossing.OUT : StockCrossing.BACK_IN_STOCK);
        }
    }

    @Property(tries = 300)
    void between_two_low_reports_the_stock_stopped_being_low(@ForAll @IntRange(min = 1, max = 30) int start,
                                                                    @ForAll @IntRange(min = 0, max = 15) int threshold,
                                                                    @ForAll @Size(max = 200) List<@net.jqwik.api.From("steps") Step> steps) {
        Stock stock = new Stock(SKU, start, start, 0, 0, Optional.of(new LowStockThreshold(threshold)));
        boolean lowReportedSinceAbove = stock.isLow();
        for (Step step : steps) {
            Optional<Stock> taken = step.from(stock);
            if (taken.isEmpty()) {
                continue;
            }
            Stock next = taken.get();
            if (StockCrossing.between(Optional.of(stock), Optional.of(next)).contains(StockCrossing.LOW)) {
                assertThat(lowReportedSinceAbove).as("a second stock.low without the stock having stopped being low").isFalse();
                lowReportedSinceAbove = true;
            }
            if (!next.isLow()) {
                lowReportedSinceAbove = false;
            }
            stock = next;
        }
    }

    private static Optional<LowStockThreshold> threshold(long value) {
        return value < 0 ? Optional.empty() : Optional.of(new LowStockThreshold(value));
    }
}
