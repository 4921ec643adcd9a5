package com.stockroom.functions.inventory;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.web.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stock and stock transactions as the Inventory API's JSON:API resources. A transaction says who
 * made it ({@code actor}: the token's subject and client), and why and for what when told
 * ({@code reason}, {@code reference}).
 */
final class StockDocuments {

    private StockDocuments() {
    }

    static Map<String, Object> stock(Stock stock) {
        return Json.object(
                "id", stock.productId().value(),
                "type", "stock",
                "total", stock.total(),
                "available", stock.available(),
                "allocated", stock.allocated());
    }

    static Map<String, Object> transaction(StockTransaction txn) {
        return Json.object(
                "id", txn.id().value(),
                "type", "stock-transaction",
                "product_id", txn.productId().value(),
                "action", txn.action().wireName(),
                "quantity", txn.quantity().value(),
                "order_id", txn.orderId().orElse(null),
                "reason", txn.attribution().reason().orElse(null),
                "reference", txn.attribution().reference().orElse(null),
                "actor", Json.object(
                        "subject", txn.attribution().actor().subject(),
                        "client_id", txn.attribution().actor().clientId().orElse(null)),
                "timestamps", Json.object("created_at", txn.createdAt().toString()));
    }

    static Map<String, Object> historyEntry(HistoryEntry entry) {
        Map<String, Object> resource = transaction(entry.transaction());
        resource.put("before", levels(entry.before()));
        resource.put("after", levels(entry.after()));
        return resource;
    }

    /** A page of resources with {@code links.next}: the same listing from the cursor on, or null at the end. */
    static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> render, String path, int limit) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("next", page.nextCursor()
                .map(cursor -> path + "?page[limit]=" + limit + "&page[cursor]=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                .orElse(null));
        return Json.object("data", page.items().stream().map(render).toList(), "links", links);
    }

    static Map<String, Object> list(List<Stock> stocks) {
        return Json.object("data", stocks.stream().map(StockDocuments::stock).toList());
    }

    private static Map<String, Object> levels(Stock stock) {
        return Json.object("total", stock.total(), "available", stock.available(), "allocated", stock.allocated());
    }
}
