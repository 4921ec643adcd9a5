package com.stockroom.stock.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.TransactionId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StockMovesTest {

    private static StockTransaction move(Optional<String> orderId, Attribution attribution) {
        return new StockTransaction(new TransactionId("01HXYZ0000000000000000000A"), new ProductId("p1"), StockAction.ALLOCATE,
                Quantity.of(2), orderId, Instant.parse("2026-12-01T10:00:00Z"), attribution);
    }

    @Test
    void a_move_records_who_why_and_for_what_on_the_item_so_the_stream_carries_it() {
        Attribution full = new Attribution(new Actor("admin-1", Optional.of("back-office")), Optional.of("recount"), Optional.of("PO-7"));

        StockTransaction txn = move(Optional.empty(), full);
        String expression = StockMoves.expression(txn);
        Map<String, AttributeValue> values = StockMoves.values(txn);

        assertThat(expression).contains("txn_subject = :txn_subject", "txn_client_id = :txn_client_id",
                "txn_reason = :txn_reason", "txn_reference = :txn_reference");
        assertThat(expression).endsWith("REMOVE txn_order_id");
        assertThat(values).containsEntry(":txn_subject", AttributeValue.fromS("admin-1"))
                .containsEntry(":txn_client_id", AttributeValue.fromS("back-office"))
                .containsEntry(":txn_reason", AttributeValue.fromS("recount"))
                .containsEntry(":txn_reference", AttributeValue.fromS("PO-7"));
    }

    @Test
    void what_a_move_lacks_is_removed_so_no_earlier_move_s_order_or_reason_lingers_on_the_item() {
        StockTransaction txn = move(Optional.of("order-1"), Attribution.by(Actor.service("payment-results")));

        String expression = StockMoves.expression(txn);

        assertThat(expression).contains("txn_order_id = :txn_order_id", "txn_subject = :txn_subject");
        assertThat(expression).endsWith("REMOVE txn_client_id, txn_reason, txn_reference");
        assertThat(StockMoves.values(txn)).doesNotContainKeys(":txn_client_id", ":txn_reason", ":txn_reference");
    }

    @Test
    void the_attribution_survives_the_round_trip_through_the_item_the_stream_reads() {
        Attribution full = new Attribution(new Actor("admin-1", Optional.of("back-office")), Optional.of("recount"), Optional.of("PO-7"));
        StockTransaction txn = move(Optional.of("order-1"), full);
        Map<String, AttributeValue> item = new java.util.HashMap<>(StockItems.transactionAttributes(txn));
        item.put(StockItems.PRODUCT_ID, AttributeValue.fromS("p1"));

        assertThat(StockItems.lastTransaction(item)).contains(txn);
    }

    @Test
    void an_item_written_before_changes_were_attributed_reads_as_unrecorded() {
        Map<String, AttributeValue> item = new java.util.HashMap<>(StockItems.transactionAttributes(
                move(Optional.empty(), Attribution.by(new Actor("x", Optional.empty())))));
        item.remove(StockItems.TXN_SUBJECT);
        item.put(StockItems.PRODUCT_ID, AttributeValue.fromS("p1"));

        assertThat(StockItems.lastTransaction(item).orElseThrow().attribution().actor()).isEqualTo(Actor.UNRECORDED);
    }
}
