package com.stockroom.stock.infrastructure;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockChange;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.TransactionId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place that knows how stock and history items look in DynamoDB.
 *
 * <p>A stock item holds the three numbers and the metadata of the last transaction that moved
 * them, written in the same update, so the stream's new image says why the numbers moved. A
 * history item is keyed by product and transaction id, which sort by time.
 *
 * <p>Deleting stock leaves a tombstone: the item stays, its numbers at zero, marked
 * {@code deleted}, with the deletion as its last transaction, so that the stream's record of the
 * deletion carries who deleted it and when (a DynamoDB delete's record carries only the old
 * image). Every read treats a tombstone as no stock; creating stock again replaces it.
 */
final class StockItems {

    static final String PRODUCT_ID = "product_id";
    static final String TOTAL = "total";
    static final String AVAILABLE = "available";
    static final String ALLOCATED = "allocated";
    /** What admins allocated by hand (a stock transaction with no order): the most an admin may deallocate. */
    static final String ADMIN_ALLOCATED = "admin_allocated";
    /** The available level at or below which the stock counts as low; absent when none is set. */
    static final String LOW_STOCK_THRESHOLD = "low_stock_threshold";
    /** Marks a tombstone: stock that was deleted. */
    static final String DELETED = "deleted";
    static final String TXN_ID = "txn_id";
    static final String TXN_ACTION = "txn_action";
    static final String TXN_QUANTITY = "txn_quantity";
    static final String TXN_ORDER_ID = "txn_order_id";
    static final String TXN_AT = "txn_at";
    static final String TXN_SUBJECT = "txn_subject";
    static final String TXN_CLIENT_ID = "txn_client_id";
    static final String TXN_REASON = "txn_reason";
    static final String TXN_REFERENCE = "txn_reference";
    /**
     * The last transaction's attributes that only some transactions have: a move sets those it
     * has and removes the others, so the item never carries a previous move's order or reason.
     */
    static final List<String> TXN_OPTIONAL = List.of(TXN_ORDER_ID, TXN_CLIENT_ID, TXN_REASON, TXN_REFERENCE);
    /** The name a deletion goes by in the {@code txn_action} and {@code action} attributes. */
    static final String DELETE_ACTION = "DELETE";

    static final String HISTORY_TXN_ID = "txn_id";
    static final String ACTION = "action";
    static final String QUANTITY = "quantity";
    static final String ORDER_ID = "order_id";
    static final String CREATED_AT = "created_at";
    static final String SUBJECT = "subject";
    static final String CLIENT_ID = "client_id";
    static final String REASON = "reason";
    static final String REFERENCE = "reference";
    static final String SEQUENCE = "seq";
    static final String BY_SEQUENCE = "by_sequence";
    static final String BEFORE = "before_";
    static final String AFTER = "after_";

    private StockItems() {
    }

    static Map<String, AttributeValue> key(ProductId productId) {
        return Map.of(PRODUCT_ID, s(productId.value()));
    }

    static Map<String, AttributeValue> historyKey(ProductId productId, TransactionId transactionId) {
        return Map.of(PRODUCT_ID, s(productId.value()), HISTORY_TXN_ID, s(transactionId.value()));
    }

    static Map<String, AttributeValue> stockItem(Stock stock, StockTransaction last) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PRODUCT_ID, s(stock.productId().value()));
        item.put(TOTAL, n(stock.total()));
        item.put(AVAILABLE, n(stock.available()));
        item.put(ALLOCATED, n(stock.allocated()));
        item.put(ADMIN_ALLOCATED, n(stock.adminAllocated()));
        stock.lowStockThreshold().ifPresent(threshold -> item.put(LOW_STOCK_THRESHOLD, n(threshold.value())));
        item.putAll(transactionAttributes(last));
        return item;
    }

    static Map<String, AttributeValue> transactionAttributes(StockTransaction txn) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TXN_ID, s(txn.id().value()));
        item.put(TXN_ACTION, s(txn.action().name()));
        item.put(TXN_QUANTITY, n(txn.quantity().value()));
        item.put(TXN_AT, s(txn.createdAt().toString()));
        txn.orderId().ifPresent(order -> item.put(TXN_ORDER_ID, s(order)));
        putAttribution(item, txn.attribution(), TXN_SUBJECT, TXN_CLIENT_ID, TXN_REASON, TXN_REFERENCE);
        return item;
    }

    /**
     * The attributes a deletion sets on the item it turns into a tombstone: its id, time and
     * author. (It has no quantity, order, reason or reference: those of the move before it are
     * removed.)
     */
    static Map<String, AttributeValue> deletionAttributes(StockDeletion deletion) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TXN_ID, s(deletion.id().value()));
        item.put(TXN_ACTION, s(DELETE_ACTION));
        item.put(TXN_AT, s(deletion.createdAt().toString()));
        putAttribution(item, deletion.attribution(), TXN_SUBJECT, TXN_CLIENT_ID, TXN_REASON, TXN_REFERENCE);
        return item;
    }

    /** Whether the item is a tombstone: stock that was deleted, which every read takes for none. */
    static boolean isDeleted(Map<String, AttributeValue> item) {
        return item.containsKey(DELETED);
    }

    /** The stock an item holds. Items written before admins' allocations were counted hold none of them. */
    static Stock stock(Map<String, AttributeValue> item) {
        return new Stock(new ProductId(item.get(PRODUCT_ID).s()),
                number(item, TOTAL), number(item, AVAILABLE), number(item, ALLOCATED),
                item.containsKey(ADMIN_ALLOCATED) ? number(item, ADMIN_ALLOCATED) : 0,
                item.containsKey(LOW_STOCK_THRESHOLD) ? Optional.of(new LowStockThreshold(number(item, LOW_STOCK_THRESHOLD)))
                        : Optional.empty());
    }

    /** An item's three numbers as they are, for the log. */
    static Levels levels(Map<String, AttributeValue> item) {
        return new Levels(number(item, TOTAL), number(item, AVAILABLE), number(item, ALLOCATED));
    }

    /** The move whose metadata a stock item carries, if its last change was a move. */
    static Optional<StockTransaction> lastTransaction(Map<String, AttributeValue> item) {
        return lastChange(item).filter(StockTransaction.class::isInstance).map(StockTransaction.class::cast);
    }

    /** The change (a move or a deletion) whose metadata a stock item carries, if it carries any. */
    static Optional<StockChange> lastChange(Map<String, AttributeValue> item) {
        if (!item.containsKey(TXN_ID)) {
            return Optional.empty();
        }
        if (DELETE_ACTION.equals(string(item, TXN_ACTION))) {
            return Optional.of(new StockDeletion(
                    new TransactionId(item.get(TXN_ID).s()),
                    new ProductId(item.get(PRODUCT_ID).s()),
                    Instant.parse(item.get(TXN_AT).s()),
                    attribution(item, TXN_SUBJECT, TXN_CLIENT_ID, TXN_REASON, TXN_REFERENCE)));
        }
        return Optional.of(new StockTransaction(
                new TransactionId(item.get(TXN_ID).s()),
                new ProductId(item.get(PRODUCT_ID).s()),
                action(item.get(TXN_ACTION).s()),
                Quantity.of(number(item, TXN_QUANTITY)),
                Optional.ofNullable(item.get(TXN_ORDER_ID)).map(AttributeValue::s),
                Instant.parse(item.get(TXN_AT).s()),
                attribution(item, TXN_SUBJECT, TXN_CLIENT_ID, TXN_REASON, TXN_REFERENCE)));
    }

    static Map<String, AttributeValue> historyItem(HistoryEntry entry) {
        StockChange change = entry.change();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PRODUCT_ID, s(change.productId().value()));
        item.put(HISTORY_TXN_ID, s(change.id().value()));
        item.put(CREATED_AT, s(change.createdAt().toString()));
        if (change instanceof StockTransaction txn) {
            item.put(ACTION, s(txn.action().name()));
            item.put(QUANTITY, n(txn.quantity().value()));
            txn.orderId().ifPresent(order -> item.put(ORDER_ID, s(order)));
        } else {
            item.put(ACTION, s(DELETE_ACTION));
        }
        putAttribution(item, change.attribution(), SUBJECT, CLIENT_ID, REASON, REFERENCE);
        item.put(SEQUENCE, s(sortableSequence(entry.sequence())));
        putLevels(item, BEFORE, entry.before());
        putLevels(item, AFTER, entry.after());
        return item;
    }

    static HistoryEntry historyEntry(Map<String, AttributeValue> item) {
        ProductId productId = new ProductId(item.get(PRODUCT_ID).s());
        TransactionId id = new TransactionId(item.get(HISTORY_TXN_ID).s());
        Instant createdAt = Instant.parse(item.get(CREATED_AT).s());
        Attribution attribution = attribution(item, SUBJECT, CLIENT_ID, REASON, REFERENCE);
        String action = item.get(ACTION).s();
        StockChange change = DELETE_ACTION.equals(action)
                ? new StockDeletion(id, productId, createdAt, attribution)
                : new StockTransaction(id, productId, action(action), Quantity.of(number(item, QUANTITY)),
                        Optional.ofNullable(item.get(ORDER_ID)).map(AttributeValue::s), createdAt, attribution);
        return new HistoryEntry(change, levels(item, BEFORE), levels(item, AFTER), item.get(SEQUENCE).s());
    }

    /**
     * Stream sequence numbers are decimal strings of up to 40 digits; zero-padded to 40 they sort
     * as strings in the order they sort as numbers.
     */
    static String sortableSequence(String sequence) {
        if (sequence == null || !sequence.matches("[0-9]{1,40}")) {
            throw new IllegalArgumentException("not a stream sequence number: " + sequence);
        }
        return "0".repeat(40 - sequence.length()) + sequence;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putAttribution(Map<String, AttributeValue> item, Attribution attribution,
                                       String subject, String clientId, String reason, String reference) {
        item.put(subject, s(attribution.actor().subject()));
        attribution.actor().clientId().ifPresent(id -> item.put(clientId, s(id)));
        attribution.reason().ifPresent(why -> item.put(reason, s(why)));
        attribution.reference().ifPresent(ref -> item.put(reference, s(ref)));
    }

    /** Items written before changes were attributed carry no subject: the log says so rather than guessing. */
    private static Attribution attribution(Map<String, AttributeValue> item,
                                           String subject, String clientId, String reason, String reference) {
        Actor actor = item.containsKey(subject)
                ? new Actor(item.get(subject).s(), optionalString(item, clientId))
                : Actor.UNRECORDED;
        return new Attribution(actor, optionalString(item, reason), optionalString(item, reference));
    }

    private static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    private static void putLevels(Map<String, AttributeValue> item, String prefix, Levels levels) {
        item.put(prefix + TOTAL, n(levels.total()));
        item.put(prefix + AVAILABLE, n(levels.available()));
        item.put(prefix + ALLOCATED, n(levels.allocated()));
    }

    private static Levels levels(Map<String, AttributeValue> item, String prefix) {
        return new Levels(number(item, prefix + TOTAL), number(item, prefix + AVAILABLE), number(item, prefix + ALLOCATED));
    }

    private static StockAction action(String name) {
        try {
            return StockAction.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException("unknown stock action in the table: " + name);
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("item lacks the string " + name);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("item lacks the number " + name);
        }
        return Long.parseLong(value.n());
    }
}
