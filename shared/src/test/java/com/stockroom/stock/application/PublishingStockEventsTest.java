package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.ObservedChange;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PublishingStockEventsTest {

    private static final ProductId SKU = new ProductId("p1");

    /** A change with {@code crossings} events: stock going out and back in, as often as asked. */
    private static ObservedChange changeWith(int events, String sequence) {
        Stock some = new Stock(SKU, 1, 1, 0, 0, Optional.of(new LowStockThreshold(0)));
        Stock none = new Stock(SKU, 0, 0, 0, 0, Optional.of(new LowStockThreshold(0)));
        List<StockEvent> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            list.add(new StockEvent.LevelCrossed(sequence + "-" + i, com.stockroom.stock.model.StockCrossing.OUT, some, none, Optional.empty()));
        }
        return new ObservedChange(Optional.empty(), list);
    }

    @Test
    void every_event_of_every_change_goes_to_the_bus_in_order_in_one_call() {
        List<List<String>> calls = new ArrayList<>();
        PublishingStockEvents publishing = new PublishingStockEvents(events -> {
            calls.add(events.stream().map(StockEvent::id).toList());
            return OptionalInt.empty();
        });

        OptionalInt failed = publishing.publishAll(List.of(changeWith(2, "a"), changeWith(0, "b"), changeWith(1, "c")));

        assertThat(failed).isEmpty();
        assertThat(calls).containsExactly(List.of("a-0", "a-1", "c-0"));
    }

    @Test
    void the_first_event_the_bus_could_not_publish_names_the_change_it_came_from() {
        List<ObservedChange> changes = List.of(changeWith(3, "a"), changeWith(0, "b"), changeWith(0, "c"), changeWith(2, "d"), changeWith(1, "e"));
        // Events a-0 a-1 a-2 d-0 d-1 e-0: event 1 is change 0's, event 4 change 3's, event 5 change 4's.
        assertThat(new PublishingStockEvents(events -> OptionalInt.of(1)).publishAll(changes)).hasValue(0);
        assertThat(new PublishingStockEvents(events -> OptionalInt.of(4)).publishAll(changes)).hasValue(3);
        assertThat(new PublishingStockEvents(events -> OptionalInt.of(5)).publishAll(changes)).hasValue(4);
    }

    @Test
    void changes_with_no_events_never_reach_the_bus() {
        PublishingStockEvents publishing = new PublishingStockEvents(events -> {
            throw new AssertionError("the bus was called");
        });

        assertThat(publishing.publishAll(List.of(changeWith(0, "a")))).isEmpty();
    }
}
