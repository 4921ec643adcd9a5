package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.ADMIN_ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.AVAILABLE;
import static com.stockroom.stock.infrastructure.StockItems.DELETED;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.TOTAL;
import static com.stockroom.stock.infrastructure.StockItems.TXN_ACTION;
import static com.stockroom.stock.infrastructure.StockItems.TXN_AT;
import static com.stockroom.stock.infrastructure.StockItems.TXN_ID;
import static com.stockroom.stock.infrastructure.StockItems.TXN_OPTIONAL;
import static com.stockroom.stock.infrastructure.StockItems.TXN_QUANTITY;
import static com.stockroom.stock.infrastructure.StockItems.TXN_SUBJECT;
import static com.stockroom.stock.infrastructure.StockItems.n;

import com.stockroom.stock.model.Bound;
import com.stockroom.stock.model.Mover;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one way a stock change is written: an update of the product's item that applies the
 * change, records it as the item's last, and is conditional on the rule. Used alone (an
 * {@code UpdateItem}) for an admin's stock transaction or a deletion, and inside the
 * {@code TransactWriteItems} of the order flow.
 *
 * <p>The conditions are not written here but derived: each clause is one of the {@link Bound}s
 * the model hands out for the change ({@link Stock#needs}, {@link Stock#DELETION}), so the
 * database refuses exactly what {@link Stock#permits} refuses.
 */
public final class StockMoves {

    /** The names the expressions of every move and deletion use: {@code total} is a DynamoDB reserved word. */
    static final Map<String, String> NAMES = Map.of(
            "#pk", PRODUCT_ID, "#total", TOTAL, "#available", AVAILABLE, "#allocated", ALLOCATED,
            "#admin", ADMIN_ALLOCATED, "#deleted", DELETED);

    /**
     * Allocated stock is held either by orders or by admins' own allocations; {@code admin_allocated}
     * counts the latter (an item written before it was counted has none), so the rule can keep
     * an admin's deallocate to what admins allocated, never the stock a paid order holds.
     */
    private static final String MOVE = "SET #total = #total + :total, #available = #available + :available, "
            + "#allocated = #allocated + :allocated, #admin = if_not_exists(#admin, :zero) + :admin";

    /** Stock that exists: an item, and not a deleted one's tombstone. */
    private static final String EXISTS = "attribute_exists(#pk) AND attribute_not_exists(#deleted)";

    /**
     * That this very transaction is not already the last one: when the SDK retries an update
     * whose first attempt landed, the retry is refused here and recognised as done instead of
     * being applied twice.
     */
    private static final String NOT_ALREADY_APPLIED = "(attribute_not_exists(txn_id) OR txn_id <> :txn_id)";

    /** Every attribute a last change may set, in the order the expressions name them. */
    private static final List<String> LAST_CHANGE = Stream.concat(
            Stream.of(TXN_ID, TXN_ACTION, TXN_QUANTITY, TXN_AT, TXN_SUBJECT), TXN_OPTIONAL.stream()).toList();

    /** A deletion leaves a tombstone: every number at zero, marked deleted. */
    private static final String DELETE = "SET #total = :zero, #available = :zero, #allocated = :zero, #admin = :zero, "
            + "#deleted = :deleted";

    private StockMoves() {
    }

    /** The move as one conditional update, for a transaction or a single write. */
    public static Update update(String table, StockTransaction txn) {
        return Update.builder().tableName(table)
                .key(StockItems.key(txn.productId()))
                .updateExpression(expression(txn))
                .conditionExpression(guard(txn))
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(values(txn))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /**
     * A check, inside a transaction, that the product has stock and at least {@code quantity} of
     * it available: that an order could allocate that much now.
     */
    public static ConditionCheck availableAtLeast(String table, ProductId productId, Quantity quantity) {
        List<Bound> bounds = Stock.needs(StockAction.ALLOCATE, quantity, Mover.ORDER);
        Map<String, String> names = new HashMap<>(Map.of("#pk", PRODUCT_ID, "#deleted", DELETED));
        bounds.forEach(bound -> names.put(name(bound.level()), attribute(bound.level())));
        return ConditionCheck.builder().tableName(table)
                .key(StockItems.key(productId))
                .conditionExpression(EXISTS + clauses(bounds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(boundValues(bounds))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Why a stock action in a cancelled transaction failed, if it failed on its condition. */
    public enum Refusal { NO_SUCH_STOCK, SHORT, ALREADY_APPLIED }

    /**
     * Reads the cancellation reason of one stock action. {@code attempted} is the move that
     * action made, if it was a move, so that a retry of a move that landed is recognised. Deleted
     * stock is no stock.
     */
    public static Optional<Refusal> refusal(CancellationReason reason, Optional<StockTransaction> attempted) {
        if (!"ConditionalCheckFailed".equals(reason.code())) {
            return Optional.empty();
        }
        if (!reason.hasItem() || reason.item().isEmpty() || StockItems.isDeleted(reason.item())) {
            return Optional.of(Refusal.NO_SUCH_STOCK);
        }
        boolean applied = attempted.isPresent() && StockItems.lastTransaction(reason.item())
                .map(StockTransaction::id).equals(attempted.map(StockTransaction::id));
        return Optional.of(applied ? Refusal.ALREADY_APPLIED : Refusal.SHORT);
    }

    /** The condition of one move: stock exists, meets what the move needs, and the move is not already its last. */
    static String guard(StockTransaction txn) {
        return EXISTS + clauses(Stock.needs(txn.action(), txn.quantity(), txn.mover())) + " AND " + NOT_ALREADY_APPLIED;
    }

    /** The move's update: the numbers moved and the transaction's attributes set, those it lacks removed. */
    static String expression(StockTransaction txn) {
        return withLastChange(MOVE, StockItems.transactionAttributes(txn));
    }

    static Map<String, AttributeValue> values(StockTransaction txn) {
        StockAction action = txn.action();
        Quantity q = txn.quantity();
        Map<String, AttributeValue> values = boundValues(Stock.needs(action, q, txn.mover()));
        values.put(":total", n(action.totalChange(q)));
        values.put(":available", n(action.availableChange(q)));
        values.put(":allocated", n(action.allocatedChange(q)));
        values.put(":admin", n(Stock.change(Bound.Level.ADMIN_ALLOCATED, action, q, txn.mover())));
        values.put(":zero", n(0));
        StockItems.transactionAttributes(txn).forEach((name, value) -> values.put(":" + name, value));
        return values;
    }

    /**
     * The condition of a deletion: stock exists and meets {@link Stock#DELETION}; or the item is
     * already this deletion's tombstone, so that an SDK retry of a deletion that landed rewrites
     * the same tombstone (which changes nothing, and streams nothing) instead of failing.
     */
    static String deletionGuard() {
        return "(" + EXISTS + clauses(Stock.DELETION) + ") OR txn_id = :txn_id";
    }

    /** The deletion's update: the tombstone, with the deletion as the item's last change. */
    static String deletionExpression(StockDeletion deletion) {
        return withLastChange(DELETE, StockItems.deletionAttributes(deletion));
    }

    static Map<String, AttributeValue> deletionValues(StockDeletion deletion) {
        Map<String, AttributeValue> values = boundValues(Stock.DELETION);
        values.put(":zero", n(0));
        values.put(":deleted", AttributeValue.fromBool(true));
        StockItems.deletionAttributes(deletion).forEach((name, value) -> values.put(":" + name, value));
        return values;
    }

    /** ` AND #name >= :least_name` ... : one clause per bound, each a comparison of a stored number with a value. */
    private static String clauses(List<Bound> bounds) {
        StringBuilder clauses = new StringBuilder();
        for (Bound bound : bounds) {
            clauses.append(" AND ").append(name(bound.level()))
                    .append(bound.side() == Bound.Side.AT_LEAST ? " >= " : " <= ")
                    .append(placeholder(bound));
        }
        return clauses.toString();
    }

    private static Map<String, AttributeValue> boundValues(List<Bound> bounds) {
        Map<String, AttributeValue> values = new HashMap<>();
        bounds.forEach(bound -> values.put(placeholder(bound), n(bound.value())));
        return values;
    }

    private static String placeholder(Bound bound) {
        return (bound.side() == Bound.Side.AT_LEAST ? ":least_" : ":most_") + name(bound.level()).substring(1);
    }

    private static String name(Bound.Level level) {
        return switch (level) {
            case TOTAL -> "#total";
            case AVAILABLE -> "#available";
            case ALLOCATED -> "#allocated";
            case ADMIN_ALLOCATED -> "#admin";
        };
    }

    private static String attribute(Bound.Level level) {
        return NAMES.get(name(level));
    }

    /**
     * {@code set} followed by the last change's attributes: those it has set, the other
     * last-change attributes removed, so the item never carries an earlier change's order,
     * quantity or reason.
     */
    private static String withLastChange(String set, Map<String, AttributeValue> attributes) {
        StringBuilder expression = new StringBuilder(set);
        List<String> absent = new ArrayList<>();
        for (String name : LAST_CHANGE) {
            if (attributes.containsKey(name)) {
                expression.append(", ").append(name).append(" = :").append(name);
            } else {
                absent.add(name);
            }
        }
        if (!absent.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ", absent));
        }
        return expression.toString();
    }
}
