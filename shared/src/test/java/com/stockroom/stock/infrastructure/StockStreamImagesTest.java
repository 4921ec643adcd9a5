package com.stockroom.stock.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.ObservedChange;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockEvent;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.TransactionId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A deletion reaches the log through the stream's MODIFY record of the tombstone, and a re-creation starts from its zeros. */
class StockStreamImagesTest {

    private static final ProductId SKU = new ProductId("p1");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final StockTransaction CREATED = new StockTransaction(new TransactionId("01HXYZ0000000000000000000A"), SKU,
            StockAction.INCREMENT, Quantity.of(7), Optional.empty(), AT, Attribution.by(new Actor("admin-1", Optional.empty())));
    private static final StockDeletion DELETED = new StockDeletion(new TransactionId("01HXYZ0000000000000000000B"), SKU, AT,
            Attribution.by(new Actor("admin-2", Optional.of("back-office"))));
    private static final StockTransaction RECREATED = new StockTransaction(new TransactionId("01HXYZ0000000000000000000C"), SKU,
            StockAction.INCREMENT, Quantity.of(3), Optional.empty(), AT, Attribution.by(new Actor("admin-1", Optional.empty())));

    private static Map<String, AttributeValue> live(Stock stock, StockTransaction last) {
        return StockItems.stockItem(stock, last);
    }

    private static Map<String, AttributeValue> tombstone(Map<String, AttributeValue> live) {
        return new Expressions(StockMoves.NAMES, StockMoves.deletionValues(DELETED)).apply(StockMoves.deletionExpression(DELETED), live);
    }

    @Test
    void the_tombstone_s_record_is_the_deletion_from_the_numbers_before_it_to_zero() {
        Map<String, AttributeValue> before = live(new Stock(SKU, 7, 7, 0), CREATED);

        Optional<HistoryEntry> entry = StockStreamImages.historyEntry(before, tombstone(before), "200");

        assertThat(entry).contains(new HistoryEntry(DELETED, new Levels(7, 7, 0), Levels.ZERO, "200"));
    }

    @Test
    void creating_stock_again_over_a_tombstone_is_an_increment_from_zero() {
        Map<String, AttributeValue> tombstone = tombstone(live(new Stock(SKU, 7, 7, 0), CREATED));

        Optional<HistoryEntry> entry = StockStreamImages.historyEntry(tombstone, live(Stock.initial(SKU, Quantity.of(3)), RECREATED), "300");

        assertThat(entry).contains(new HistoryEntry(RECREATED, Levels.ZERO, new Levels(3, 3, 0), "300"));
    }

    @Test
    void a_record_that_leaves_the_last_change_as_it_was_or_removes_the_item_logs_nothing() {
        Map<String, AttributeValue> tombstone = tombstone(live(new Stock(SKU, 7, 7, 0), CREATED));

        assertThat(StockStreamImages.historyEntry(tombstone, tombstone, "400")).isEmpty();
        assertThat(StockStreamImages.historyEntry(tombstone, null, "500")).isEmpty();
    }

    @Test
    void a_deletion_survives_the_round_trip_through_the_history_item() {
        HistoryEntry entry = new HistoryEntry(DELETED, new Levels(7, 7, 0), Levels.ZERO, "200");

        HistoryEntry read = StockItems.historyEntry(StockItems.historyItem(entry));

        assertThat(read).isEqualTo(new HistoryEntry(DELETED, new Levels(7, 7, 0), Levels.ZERO, StockItems.sortableSequence("200")));
    }

    private static final StockTransaction SOLD = new StockTransaction(new TransactionId("01HXYZ0000000000000000000D"), SKU,
            StockAction.DECREMENT, Quantity.of(5), Optional.empty(), AT, Attribution.by(new Actor("admin-1", Optional.empty())));

    private static Stock withThreshold(long available, long threshold) {
        return new Stock(SKU, available, available, 0, 0, Optional.of(new LowStockThreshold(threshold)));
    }

    private static List<String> types(Optional<ObservedChange> change) {
        return change.orElseThrow().events().stream().map(StockEvent::type).toList();
    }

    @Test
    void a_move_through_the_threshold_to_nothing_is_its_transaction_then_low_then_out_read_from_the_images_alone() {
        Optional<ObservedChange> change = StockStreamImages.observed(live(withThreshold(5, 2), CREATED), live(withThreshold(0, 2), SOLD), "600");

        assertThat(types(change)).containsExactly("stock-transaction.created", "stock.low", "stock.out");
        assertThat(change.get().entry()).contains(new HistoryEntry(SOLD, new Levels(5, 5, 0), Levels.ZERO, "600"));
        StockEvent.LevelCrossed low = (StockEvent.LevelCrossed) change.get().events().get(1);
        assertThat(low.before().available()).isEqualTo(5);
        assertThat(low.after().lowStockThreshold()).contains(new LowStockThreshold(2));
        assertThat(low.cause()).contains(SOLD);
    }

    @Test
    void the_same_record_delivered_again_gives_the_same_event_ids() {
        Map<String, AttributeValue> before = live(withThreshold(5, 2), CREATED);
        Map<String, AttributeValue> after = live(withThreshold(0, 2), SOLD);

        List<String> first = StockStreamImages.observed(before, after, "600").orElseThrow().events().stream().map(StockEvent::id).toList();
        List<String> again = StockStreamImages.observed(before, after, "600").orElseThrow().events().stream().map(StockEvent::id).toList();

        assertThat(again).isEqualTo(first).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void a_new_threshold_over_what_is_available_is_low_with_no_transaction_and_a_clear_one_is_nothing() {
        Map<String, AttributeValue> before = live(withThreshold(5, 2), CREATED);
        Map<String, AttributeValue> raised = live(withThreshold(5, 8), CREATED);
        Map<String, AttributeValue> cleared = new HashMap<>(before);
        cleared.remove(StockItems.LOW_STOCK_THRESHOLD);

        Optional<ObservedChange> change = StockStreamImages.observed(before, raised, "700");

        assertThat(types(change)).containsExactly("stock.low");
        assertThat(change.get().entry()).isEmpty();
        assertThat(StockStreamImages.observed(before, cleared, "701")).isEmpty();
    }

    @Test
    void creating_stock_and_deleting_it_are_transactions_and_cross_nothing() {
        Map<String, AttributeValue> created = live(withThreshold(1, 2), CREATED);

        assertThat(types(StockStreamImages.observed(null, created, "800"))).containsExactly("stock-transaction.created");
        assertThat(types(StockStreamImages.observed(created, tombstone(created), "801"))).containsExactly("stock-transaction.created");
    }
}
