package com.stockroom.functions.history;

import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockChange;
import com.stockroom.stock.model.StockEvent;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.web.Json;
import java.util.Map;

/**
 * A stock event's {@code detail}, shaped as Elastic Path's integration events are: the event's
 * {@code id}, what {@code triggered_by} it, and the resource in {@code payload.data} as the API
 * answers it (a stock transaction as the historic log shows it, with the numbers before and
 * after; stock as {@code GET /v2/inventories/{product_id}} shows it, with the numbers before the
 * change in {@code previous}). Elastic Path's {@code attempt} and {@code integration} are left
 * out: a replayed stream record cannot know its attempt, and there is no integration object.
 * {@code product_id} sits at the top as well, for rules that filter on it.
 */
final class StockEventDetails {

    /** The events' {@code source}. */
    static final String SOURCE = "stockroom.inventory";

    private StockEventDetails() {
    }

    static String detail(StockEvent event) {
        Map<String, Object> data = event instanceof StockEvent.TransactionCreated created
                ? transaction(created.entry())
                : stock((StockEvent.LevelCrossed) event);
        return Json.write(Json.object(
                "id", event.id(),
                "triggered_by", event.type(),
                "product_id", event.productId().value(),
                "payload", Json.object("data", data)));
    }

    private static Map<String, Object> transaction(HistoryEntry entry) {
        StockChange change = entry.change();
        StockTransaction txn = change instanceof StockTransaction t ? t : null;
        Attribution attribution = change.attribution();
        return Json.object(
                "id", change.id().value(),
                "type", "stock-transaction",
                "product_id", change.productId().value(),
                "action", change.wireName(),
                "quantity", txn != null ? txn.quantity().value() : entry.before().total(),
                "order_id", txn != null ? txn.orderId().orElse(null) : null,
                "reason", attribution.reason().orElse(null),
                "reference", attribution.reference().orElse(null),
                "actor", Json.object("subject", attribution.actor().subject(), "client_id", attribution.actor().clientId().orElse(null)),
                "timestamps", Json.object("created_at", change.createdAt().toString()),
                "before", levels(entry.before()),
                "after", levels(entry.after()));
    }

    private static Map<String, Object> stock(StockEvent.LevelCrossed crossed) {
        Stock after = crossed.after();
        Stock before = crossed.before();
        return Json.object(
                "id", after.productId().value(),
                "type", "stock",
                "total", after.total(),
                "available", after.available(),
                "allocated", after.allocated(),
                "low_stock_threshold", after.lowStockThreshold().map(t -> t.value()).orElse(null),
                "previous", Json.object("total", before.total(), "available", before.available(), "allocated", before.allocated(),
                        "low_stock_threshold", before.lowStockThreshold().map(t -> t.value()).orElse(null)),
                "transaction_id", crossed.cause().map(c -> c.id().value()).orElse(null));
    }

    private static Map<String, Object> levels(Levels levels) {
        return Json.object("total", levels.total(), "available", levels.available(), "allocated", levels.allocated());
    }
}
