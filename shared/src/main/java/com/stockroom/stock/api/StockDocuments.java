package com.stockroom.stock.api;

import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAudit;
import com.stockroom.stock.model.StockChange;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.web.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock, stock transactions and audits as the Inventory API's JSON:API resources. A transaction
 * says who made it ({@code actor}: the token's subject and client), and why and for what when
 * told ({@code reason}, {@code reference}). In the log, a deletion is a transaction whose action
 * is {@code delete} and whose quantity is how many units it took off the books. The stock
 * events' details carry the same resources.
 */
public final class StockDocuments {

    private StockDocuments() {
    }

    public static Map<String, Object> stock(Stock stock) {
        return Json.object(
                "id", stock.productId().value(),
                "type", "stock",
                "total", stock.total(),
                "available", stock.available(),
                "allocated", stock.allocated(),
                "low_stock_threshold", stock.lowStockThreshold().map(threshold -> threshold.value()).orElse(null));
    }

    public static Map<String, Object> transaction(StockTransaction txn) {
        return Json.object(
                "id", txn.id().value(),
                "type", "stock-transaction",
                "product_id", txn.productId().value(),
                "action", txn.action().wireName(),
                "quantity", txn.quantity().value(),
                "order_id", txn.orderId().orElse(null),
                "reason", txn.attribution().reason().orElse(null),
                "reference", txn.attribution().reference().orElse(null),
                "actor", actor(txn.attribution()),
                "timestamps", Json.object("created_at", txn.createdAt().toString()));
    }

    public static Map<String, Object> historyEntry(HistoryEntry entry) {
        Map<String, Object> resource = entry.change() instanceof StockTransaction txn
                ? transaction(txn)
                : deletion((StockDeletion) entry.change(), entry.before());
        resource.put("before", levels(entry.before()));
        resource.put("after", levels(entry.after()));
        return resource;
    }

    private static Map<String, Object> deletion(StockDeletion deletion, Levels before) {
        return Json.object(
                "id", deletion.id().value(),
                "type", "stock-transaction",
                "product_id", deletion.productId().value(),
                "action", deletion.wireName(),
                "quantity", before.total(),
                "reason", deletion.attribution().reason().orElse(null),
                "reference", deletion.attribution().reference().orElse(null),
                "actor", actor(deletion.attribution()),
                "timestamps", Json.object("created_at", deletion.createdAt().toString()));
    }

    private static Map<String, Object> actor(Attribution attribution) {
        return Json.object(
                "subject", attribution.actor().subject(),
                "client_id", attribution.actor().clientId().orElse(null));
    }

    /**
     * An audit: what the log adds up to ({@code replayed}), the stock ({@code current}, null once
     * deleted), whether they agree, how many entries were replayed, the first entry where the log
     * parts from itself (or null), and how far the log has got: its newest entry, the stock's
     * last change, and whether the log holds it yet ({@code caught_up}), so that a caller can tell
     * stream lag from a broken log.
     */
    public static Map<String, Object> audit(StockAudit audit) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("id", audit.productId().value());
        resource.put("type", "stock-audit");
        resource.put("replayed", levels(audit.replayed()));
        resource.put("current", audit.current().map(stock -> levels(stock.levels())).orElse(null));
        resource.put("agrees", audit.agrees());
        resource.put("entries", audit.entries());
        resource.put("first_divergence", audit.firstDivergence().map(StockDocuments::divergence).orElse(null));
        resource.put("newest_entry", audit.newestEntry().map(entry -> reference(entry.change())).orElse(null));
        resource.put("last_change", audit.lastChange().map(StockDocuments::reference).orElse(null));
        resource.put("caught_up", audit.caughtUp());
        return resource;
    }

    private static Map<String, Object> divergence(StockAudit.Divergence divergence) {
        HistoryEntry entry = divergence.entry();
        return Json.object(
                "id", entry.change().id().value(),
                "action", entry.change().wireName(),
                "expected_before", levels(divergence.expectedBefore()),
                "recorded_before", levels(entry.before()),
                "expected_after", levels(divergence.expectedAfter()),
                "recorded_after", levels(entry.after()));
    }

    private static Map<String, Object> reference(StockChange change) {
        return Json.object(
                "id", change.id().value(),
                "action", change.wireName(),
                "created_at", change.createdAt().toString());
    }


    public static Map<String, Object> list(List<Stock> stocks) {
        return Json.object("data", stocks.stream().map(StockDocuments::stock).toList());
    }

    private static Map<String, Object> levels(Levels levels) {
        return Json.object("total", levels.total(), "available", levels.available(), "allocated", levels.allocated());
    }
}
