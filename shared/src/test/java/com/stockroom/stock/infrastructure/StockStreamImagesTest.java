package com.stockroom.stock.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.TransactionId;
import java.time.Instant;
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
}
