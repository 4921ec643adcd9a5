package com.stockroom.functions.history;

import com.stockroom.stock.api.StockDocuments;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockEvent;
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
                ? StockDocuments.historyEntry(created.entry())
                : stock((StockEvent.LevelCrossed) event);
        return Json.write(Json.object(
                "id", event.id(),
                "triggered_by", event.type(),
                "product_id", event.productId().value(),
                "payload", Json.object("data", data)));
    }

    /** Stock as the API shows it, with the numbers before the change in {@code previous}, and the transaction that made it. */
    private static Map<String, Object> stock(StockEvent.LevelCrossed crossed) {
        Stock before = crossed.before();
        Map<String, Object> resource = StockDocuments.stock(crossed.after());
        resource.put("previous", Json.object("total", before.total(), "available", before.available(), "allocated", before.allocated(),
                "low_stock_threshold", before.lowStockThreshold().map(t -> t.value()).orElse(null)));
        crossed.cause().ifPresent(cause -> resource.put("transaction_id", cause.id().value()));
        return resource;
    }
}
