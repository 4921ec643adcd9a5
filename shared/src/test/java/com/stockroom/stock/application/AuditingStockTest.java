package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockAudit;
import com.stockroom.stock.model.StockChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The audit replays a log through deletions and re-creations and sets it against the stock. The
 * stream is played here by hand: each change the fake applied is logged with the numbers before
 * and after it, as the stream consumer would.
 */
class AuditingStockTest {

    private static final ProductId SKU = new ProductId("sku-1");
    private static final Attribution BY_ADMIN = Attribution.by(new Actor("admin-1", Optional.of("back-office")));

    private final Clock clock = Clock.fixed(Instant.parse("2024-05-17T10:15:30.123456Z"), ZoneOffset.UTC);
    private final TransactionIds ids = new TransactionIds(clock);
    private final InMemoryStocks stocks = new InMemoryStocks();
    private final InMemoryStockHistory history = new InMemoryStockHistory();
    private final CreatingStock creating = new CreatingStock(stocks, ids, clock);
    private final MovingStock moving = new MovingStock(stocks, ids, clock);
    private final DeletingStock deleting = new DeletingStock(stocks, ids, clock);
    private final AuditingStock auditing = new AuditingStock(history, stocks);
    private int streamed;
    private Levels levels = Levels.ZERO;

    /** Logs every change not logged yet, as the stream consumer would. */
    private void streamCatchesUp() {
        List<StockChange> written = stocks.written();
        for (; streamed < written.size(); streamed++) {
            StockChange change = written.get(streamed);
            Levels after = change.applyTo(levels);
            history.record(new HistoryEntry(change, levels, after, String.format("%04d", streamed)));
            levels = after;
        }
    }

    @Test
    void create_decrement_delete_and_create_again_audits_to_the_stock_there_is() {
        creating.create(new CreateStock(SKU, Quantity.of(7), BY_ADMIN));
        moving.move(MoveStock.of(SKU, StockAction.DECREMENT, Quantity.of(2), BY_ADMIN));
        deleting.delete(new DeleteStock(SKU, BY_ADMIN));
        creating.create(new CreateStock(SKU, Quantity.of(3), BY_ADMIN));
        streamCatchesUp();

        StockAudit audit = auditing.audit(SKU).orElseThrow();

        assertThat(audit.replayed()).isEqualTo(new Levels(3, 3, 0));
        assertThat(audit.current()).contains(new Stock(SKU, 3, 3, 0));
        assertThat(audit.entries()).isEqualTo(4);
        assertThat(audit.agrees()).isTrue();
        assertThat(audit.caughtUp()).isTrue();
    }

    @Test
    void an_audit_before_the_stream_caught_up_disagrees_and_says_the_log_is_behind() {
        creating.create(new CreateStock(SKU, Quantity.of(7), BY_ADMIN));
        streamCatchesUp();
        moving.move(MoveStock.of(SKU, StockAction.DECREMENT, Quantity.of(2), BY_ADMIN));

        StockAudit audit = auditing.audit(SKU).orElseThrow();

        assertThat(audit.agrees()).isFalse();
        assertThat(audit.caughtUp()).isFalse();
        assertThat(audit.firstDivergence()).isEmpty();
    }

    @Test
    void a_log_that_lost_an_entry_disagrees_and_names_where() {
        creating.create(new CreateStock(SKU, Quantity.of(7), BY_ADMIN));
        moving.move(MoveStock.of(SKU, StockAction.DECREMENT, Quantity.of(2), BY_ADMIN));
        moving.move(MoveStock.of(SKU, StockAction.INCREMENT, Quantity.of(4), BY_ADMIN));
        streamCatchesUp();
        List<HistoryEntry> entries = new ArrayList<>();
        history.eachOldestFirst(SKU, entries::add);
        history.lose(entries.get(1));

        StockAudit audit = auditing.audit(SKU).orElseThrow();

        assertThat(audit.agrees()).isFalse();
        assertThat(audit.caughtUp()).isTrue();
        assertThat(audit.firstDivergence().orElseThrow().entry()).isEqualTo(entries.get(2));
    }

    @Test
    void a_product_with_neither_stock_nor_history_has_no_audit() {
        assertThat(auditing.audit(SKU)).isEmpty();
    }

    @Test
    void a_deleted_product_audits_to_nothing() {
        creating.create(new CreateStock(SKU, Quantity.of(7), BY_ADMIN));
        deleting.delete(new DeleteStock(SKU, BY_ADMIN));
        streamCatchesUp();

        StockAudit audit = auditing.audit(SKU).orElseThrow();

        assertThat(audit.current()).isEmpty();
        assertThat(audit.replayed()).isEqualTo(Levels.ZERO);
        assertThat(audit.agrees()).isTrue();
    }
}
