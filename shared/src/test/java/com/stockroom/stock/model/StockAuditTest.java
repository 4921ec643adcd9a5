package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StockAuditTest {

    private static final ProductId SKU = new ProductId("sku-1");
    private static final Attribution BY = Attribution.by(new Actor("admin-1", Optional.empty()));

    private final List<HistoryEntry> log = new ArrayList<>();
    private Levels last = Levels.ZERO;
    private int ids;

    private StockChange logMove(StockAction action, long quantity) {
        return record(new StockTransaction(nextId(), SKU, action, Quantity.of(quantity), Optional.empty(), Instant.EPOCH, BY));
    }

    private StockChange logDeletion() {
        return record(new StockDeletion(nextId(), SKU, Instant.EPOCH, BY));
    }

    private StockChange record(StockChange change) {
        Levels after = change.applyTo(last);
        log.add(new HistoryEntry(change, last, after, String.format("%04d", log.size())));
        last = after;
        return change;
    }

    private TransactionId nextId() {
        return new TransactionId(String.format("01HXYZ00000000000000000%03d", ++ids));
    }

    private StockAudit audit(Optional<Stock> current, Optional<StockChange> lastChange) {
        StockAudit.Replay replay = StockAudit.replay(SKU);
        log.forEach(replay::add);
        return replay.against(Optional.of(new StockState(SKU, current, lastChange)));
    }

    @Test
    void create_decrement_delete_and_create_again_adds_up_to_the_new_stock() {
        logMove(StockAction.INCREMENT, 7);
        logMove(StockAction.DECREMENT, 2);
        logDeletion();
        StockChange recreated = logMove(StockAction.INCREMENT, 3);

        StockAudit audit = audit(Optional.of(new Stock(SKU, 3, 3, 0)), Optional.of(recreated));

        assertThat(audit.replayed()).isEqualTo(new Levels(3, 3, 0));
        assertThat(audit.entries()).isEqualTo(4);
        assertThat(audit.firstDivergence()).isEmpty();
        assertThat(audit.agrees()).isTrue();
        assertThat(audit.caughtUp()).isTrue();
    }

    @Test
    void a_deleted_product_s_log_adds_up_to_nothing() {
        logMove(StockAction.INCREMENT, 7);
        StockChange deleted = logDeletion();

        StockAudit audit = audit(Optional.empty(), Optional.of(deleted));

        assertThat(audit.replayed()).isEqualTo(Levels.ZERO);
        assertThat(audit.agrees()).isTrue();
        assertThat(audit.caughtUp()).isTrue();
    }

    @Test
    void a_lost_entry_is_found_at_the_entry_after_it() {
        logMove(StockAction.INCREMENT, 7);
        logMove(StockAction.ALLOCATE, 2);
        StockChange third = logMove(StockAction.DECREMENT, 1);
        log.remove(1);

        StockAudit audit = audit(Optional.of(new Stock(SKU, 6, 4, 2)), Optional.of(third));

        assertThat(audit.agrees()).isFalse();
        assertThat(audit.caughtUp()).as("the log holds the last change: this is no lag").isTrue();
        assertThat(audit.replayed()).isEqualTo(new Levels(6, 6, 0));
        StockAudit.Divergence divergence = audit.firstDivergence().orElseThrow();
        assertThat(divergence.entry().change()).isEqualTo(third);
        assertThat(divergence.expectedBefore()).isEqualTo(new Levels(7, 7, 0));
        assertThat(divergence.entry().before()).isEqualTo(new Levels(7, 5, 2));
    }

    @Test
    void an_entry_whose_after_is_not_its_before_moved_by_its_action_parts_the_log() {
        logMove(StockAction.INCREMENT, 7);
        StockChange second = logMove(StockAction.DECREMENT, 2);
        HistoryEntry honest = log.get(1);
        log.set(1, new HistoryEntry(second, honest.before(), new Levels(4, 4, 0), honest.sequence()));

        StockAudit audit = audit(Optional.of(new Stock(SKU, 5, 5, 0)), Optional.of(second));

        assertThat(audit.replayed()).as("the replay adds up the actions, not the recorded numbers").isEqualTo(new Levels(5, 5, 0));
        assertThat(audit.agrees()).isFalse();
        assertThat(audit.firstDivergence().orElseThrow().expectedAfter()).isEqualTo(new Levels(5, 5, 0));
    }

    @Test
    void a_log_that_has_not_caught_up_says_so() {
        StockChange created = logMove(StockAction.INCREMENT, 7);
        StockChange notYetLogged = new StockTransaction(nextId(), SKU, StockAction.DECREMENT, Quantity.of(2), Optional.empty(), Instant.EPOCH, BY);

        StockAudit audit = audit(Optional.of(new Stock(SKU, 5, 5, 0)), Optional.of(notYetLogged));

        assertThat(audit.agrees()).isFalse();
        assertThat(audit.caughtUp()).isFalse();
        assertThat(audit.firstDivergence()).isEmpty();
        assertThat(audit.newestEntry().map(HistoryEntry::change)).contains(created);
    }

    @Test
    void the_log_of_a_product_deleted_before_deletions_were_logged_does_not_add_up() {
        logMove(StockAction.INCREMENT, 7);
        logMove(StockAction.DECREMENT, 2);
        StockChange recreated = logMove(StockAction.INCREMENT, 3);
        // what the log of old said: the entry after the unlogged deletion starts from nothing
        HistoryEntry third = log.get(2);
        log.set(2, new HistoryEntry(recreated, Levels.ZERO, new Levels(3, 3, 0), third.sequence()));

        StockAudit audit = audit(Optional.of(new Stock(SKU, 3, 3, 0)), Optional.of(recreated));

        assertThat(audit.replayed()).isEqualTo(new Levels(8, 8, 0));
        assertThat(audit.agrees()).isFalse();
        assertThat(audit.firstDivergence().orElseThrow().entry().change()).isEqualTo(recreated);
    }
}
