package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.ADMIN_ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.AVAILABLE;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.TOTAL;
import static com.stockroom.stock.infrastructure.StockItems.TXN_OPTIONAL;
import static com.stockroom.stock.infrastructure.StockItems.n;

import com.stockroom.stock.model.Bound;
import com.stockroom.stock.model.Mover;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one way a stock move is written: an update of the product's item that applies the
 * action's signed changes, records the transaction as the item's last, and is conditional on
 * the rule. Used alone (an {@code UpdateItem}) for an admin's stock transaction and inside the
 * {@code TransactWriteItems} of the order flow.
 *
 * <p>The conditions are not written here but derived: each clause is one of the {@link Bound}s
 * the model hands out for the move ({@link Stock#needs}), so the database refuses exactly what
 * {@link Stock#permits} refuses.
 */
public final class StockMoves {

    /** The names every expression uses: {@code total} is a DynamoDB reserved word. */
    static final Map<String, String> NAMES = Map.of(
            "#pk", PRODUCT_ID, "#total", TOTAL, "#available", AVAILABLE, "#allocated", ALLOCATED, "#admin", ADMIN_ALLOCATED);

    /**
     * Allocated stock is held either by orders or by admins' own allocations; {@code admin_allocated}
     * counts the latter (an item written before it was counted has none), so the rule can keep
     * an admin's deallocate to what admins allocated, never the stock a paid order holds.
     */
    private static final String MOVE = "SET #total = #total + :total, #available = #available + :available, "
            + "#allocated = #allocated + :allocated, #admin = if_not_exists(#admin, :zero) + :admin, "
            + "txn_id = :txn_id, txn_action = :txn_action, txn_quantity = :txn_quantity, txn_at = :txn_at, "
            + "txn_subject = :txn_subject";

    /**
     * That this very transaction is not already the last one: when the SDK retries an update
     * whose first attempt landed, the retry is refused here and recognised as done instead of
     * being applied twice.
     */
    private static final String NOT_ALREADY_APPLIED = "(attribute_not_exists(txn_id) OR txn_id <> :txn_id)";

    /** The condition of one move: stock exists, meets what the move needs, and the move is not already its last. */
    static String guard(StockTransaction txn) {
        return "attribute_exists(#pk)" + clauses(Stock.needs(txn.action(), txn.quantity(), txn.mover())) + " AND " + NOT_ALREADY_APPLIED;
    }

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
        Map<String, String> names = new HashMap<>(Map.of("#pk", PRODUCT_ID));
        bounds.forEach(bound -> names.put(name(bound.level()), NAMES.get(name(bound.level()))));
        return ConditionCheck.builder().tableName(table)
                .key(StockItems.key(productId))
                .conditionExpression("attribute_exists(#pk)" + clauses(bounds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(boundValues(bounds))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Why a stock action in a cancelled transaction failed, if it failed on its condition. */
    public enum Refusal { NO_SUCH_STOCK, SHORT, ALREADY_APPLIED }

    /**
     * Reads the cancellation reason of one stock action. {@code attempted} is the move that
     * action made, if it was a move, so that a retry of a move that landed is recognised.
     */
    public static Optional<Refusal> refusal(CancellationReason reason, Optional<StockTransaction> attempted) {
        if (!"ConditionalCheckFailed".equals(reason.code())) {
            return Optional.empty();
        }
        if (!reason.hasItem() || reason.item().isEmpty()) {
            return Optional.of(Refusal.NO_SUCH_STOCK);
        }
        boolean applied = attempted.isPresent() && StockItems.lastTransaction(reason.item())
                .map(StockTransaction::id).equals(attempted.map(StockTransaction::id));
        return Optional.of(applied ? Refusal.ALREADY_APPLIED : Refusal.SHORT);
    }

    /** The move's update: the numbers and the transaction's attributes set, those it lacks removed. */
    static String expression(StockTransaction txn) {
        Map<String, AttributeValue> attributes = StockItems.transactionAttributes(txn);
        StringBuilder expression = new StringBuilder(MOVE);
        List<String> absent = new ArrayList<>();
        for (String name : TXN_OPTIONAL) {
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
}
