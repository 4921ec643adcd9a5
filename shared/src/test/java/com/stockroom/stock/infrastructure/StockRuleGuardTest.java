package com.stockroom.stock.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.Mover;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The expressions sent to DynamoDB and the model say the same thing. Over a grid of stock states
 * (0, 1, small numbers, the edges of one quantity and of {@link Stock#MAX_TOTAL}; admins'
 * allocation below, at and above each quantity, and items written before it was counted), for
 * every action, by admins and by orders, and several quantities, the condition of
 * {@link StockMoves#update}, run by a small interpreter ({@link Expressions}) against the item
 * the adapter would hold, accepts exactly the moves {@link Stock#permits} allows, and its update
 * leaves exactly {@link Stock#after}. The same for the order flow's availability check, for
 * deletion, and for a deleted product's tombstone, which accepts nothing.
 */
class StockRuleGuardTest {

    private static final String TABLE = "stock";
    private static final ProductId SKU = new ProductId("grid-1");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Attribution BY = new Attribution(new Actor("admin-1", Optional.of("back-office")), Optional.of("grid"), Optional.empty());
    private static final StockTransaction EARLIER = new StockTransaction(new TransactionId("01HXYZ0000000000000000000A"), SKU,
            StockAction.INCREMENT, Quantity.of(1), Optional.of("order-0"), AT, BY);

    private static final long M = Stock.MAX_TOTAL;
    private static final long Q = Quantity.MAX;
    /** Values each of available and allocated takes; pairs whose total would pass MAX_TOTAL are left out. */
    private static final long[] NUMBERS = {0, 1, 2, 6, 7, 8, Q - 1, Q, Q + 1, M - Q - 1, M - Q, M - 8, M - 7, M - 1, M};
    private static final long[] QUANTITIES = {1, 7, Q};

    private record State(Stock stock, boolean legacy) {
    }

    /** The grid of states: every pair of NUMBERS that fits, with admins' allocation at each edge that fits. */
    private static List<State> states() {
        List<State> states = new ArrayList<>();
        for (long available : NUMBERS) {
            for (long allocated : NUMBERS) {
                if (available > M - allocated) {
                    continue;
                }
                Set<Long> admins = new LinkedHashSet<>(List.of(0L, 1L, 6L, 7L, 8L, Q, allocated));
                for (long admin : admins) {
                    if (admin <= allocated) {
                        states.add(new State(new Stock(SKU, available + allocated, available, allocated, admin), false));
                    }
                }
                // An item written before admins' allocations were counted lacks admin_allocated: it reads as none.
                states.add(new State(new Stock(SKU, available + allocated, available, allocated, 0), true));
            }
        }
        return states;
    }

    private static Map<String, AttributeValue> item(State state) {
        Map<String, AttributeValue> item = new HashMap<>(StockItems.stockItem(state.stock(), EARLIER));
        if (state.legacy()) {
            item.remove(StockItems.ADMIN_ALLOCATED);
        }
        return item;
    }

    private static StockTransaction move(StockAction action, long quantity, Mover mover, String id) {
        return new StockTransaction(new TransactionId(id), SKU, action, Quantity.of(quantity),
                mover == Mover.ORDER ? Optional.of("order-1") : Optional.empty(), AT, BY);
    }

    @Test
    void every_move_s_condition_accepts_exactly_what_the_model_permits_and_its_update_leaves_what_the_model_says() {
        int cases = 0;
        int accepted = 0;
        for (State state : states()) {
            Map<String, AttributeValue> item = item(state);
            for (StockAction action : StockAction.values()) {
                for (Mover mover : Mover.values()) {
                    for (long quantity : QUANTITIES) {
                        StockTransaction txn = move(action, quantity, mover, "01HXYZ0000000000000000000B");
                        Update update = StockMoves.update(TABLE, txn);
                        Expressions expressions = new Expressions(update.expressionAttributeNames(), update.expressionAttributeValues());
                        Supplier<String> where = () -> action + " " + quantity + " by " + mover + " on " + state;

                        boolean permitted = state.stock().permits(action, Quantity.of(quantity), mover);
                        assertThat(expressions.holds(update.conditionExpression(), item)).as(where).isEqualTo(permitted);
                        Map<String, AttributeValue> after = expressions.apply(update.updateExpression(), item);
                        assertThat(expressions.unused()).as(() -> where.get() + ": placeholders DynamoDB would refuse as unused").isEmpty();
                        cases++;
                        if (permitted) {
                            accepted++;
                            assertThat(StockItems.stock(after)).as(where).isEqualTo(state.stock().after(action, Quantity.of(quantity), mover));
                            assertThat(StockItems.lastTransaction(after)).as(where).contains(txn);
                            assertThat(expressions.holds(update.conditionExpression(), after))
                                    .as(() -> where.get() + ": the same move again is refused").isFalse();
                        }
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(20_000);
        assertThat(accepted).isBetween(cases / 4, cases * 3 / 4);
    }

    @Test
    void the_order_flow_s_availability_check_accepts_exactly_what_an_order_could_allocate() {
        for (State state : states()) {
            for (long quantity : QUANTITIES) {
                ConditionCheck check = StockMoves.availableAtLeast(TABLE, SKU, Quantity.of(quantity));
                Expressions expressions = new Expressions(check.expressionAttributeNames(), check.expressionAttributeValues());
                String where = quantity + " on " + state;

                assertThat(expressions.holds(check.conditionExpression(), item(state))).as(where)
                        .isEqualTo(state.stock().permits(StockAction.ALLOCATE, Quantity.of(quantity), Mover.ORDER))
                        .isEqualTo(state.stock().available() >= quantity);
                assertThat(expressions.unused()).as(where).isEmpty();
            }
        }
    }

    @Test
    void deletion_s_condition_accepts_exactly_what_the_model_permits_and_leaves_a_tombstone_at_zero() {
        StockDeletion deletion = new StockDeletion(new TransactionId("01HXYZ0000000000000000000C"), SKU, AT,
                Attribution.by(new Actor("admin-2", Optional.empty())));
        for (State state : states()) {
            Map<String, AttributeValue> item = item(state);
            Expressions expressions = new Expressions(StockMoves.NAMES, StockMoves.deletionValues(deletion));
            String where = "deleting " + state;

            boolean permitted = state.stock().permitsDeletion();
            assertThat(expressions.holds(StockMoves.deletionGuard(), item)).as(where).isEqualTo(permitted);
            Map<String, AttributeValue> tombstone = expressions.apply(StockMoves.deletionExpression(deletion), item);
            assertThat(expressions.unused()).as(where).isEmpty();
            if (permitted) {
                assertThat(StockItems.isDeleted(tombstone)).as(where).isTrue();
                assertThat(StockItems.stock(tombstone)).as(where).isEqualTo(Stock.none(SKU));
                assertThat(StockItems.lastChange(tombstone)).as(where).contains(deletion);
                assertThat(StockItems.lastTransaction(tombstone)).as(where).isEmpty();
                assertThat(tombstone).as(where + ": the earlier move's quantity, order and reason are gone")
                        .doesNotContainKeys(StockItems.TXN_QUANTITY, StockItems.TXN_ORDER_ID, StockItems.TXN_REASON,
                                StockItems.TXN_CLIENT_ID);
                assertThat(expressions.holds(StockMoves.deletionGuard(), tombstone))
                        .as(where + ": a retry of this very deletion rewrites its own tombstone").isTrue();
                assertThat(expressions.apply(StockMoves.deletionExpression(deletion), tombstone)).isEqualTo(tombstone);
            }
        }
    }

    @Test
    void a_tombstone_accepts_no_move_no_availability_check_and_no_other_deletion() {
        StockDeletion deletion = new StockDeletion(new TransactionId("01HXYZ0000000000000000000C"), SKU, AT, BY);
        Map<String, AttributeValue> tombstone = new Expressions(StockMoves.NAMES, StockMoves.deletionValues(deletion))
                .apply(StockMoves.deletionExpression(deletion), item(new State(new Stock(SKU, 5, 5, 0), false)));
        for (StockAction action : StockAction.values()) {
            for (Mover mover : Mover.values()) {
                Update update = StockMoves.update(TABLE, move(action, 1, mover, "01HXYZ0000000000000000000D"));
                assertThat(new Expressions(update.expressionAttributeNames(), update.expressionAttributeValues())
                        .holds(update.conditionExpression(), tombstone)).as(action + " by " + mover).isFalse();
            }
        }
        ConditionCheck check = StockMoves.availableAtLeast(TABLE, SKU, Quantity.of(1));
        assertThat(new Expressions(check.expressionAttributeNames(), check.expressionAttributeValues())
                .holds(check.conditionExpression(), tombstone)).isFalse();
        StockDeletion another = new StockDeletion(new TransactionId("01HXYZ0000000000000000000E"), SKU, AT, BY);
        assertThat(new Expressions(StockMoves.NAMES, StockMoves.deletionValues(another))
                .holds(StockMoves.deletionGuard(), tombstone)).isFalse();
    }

    @Test
    void nothing_is_accepted_for_a_product_without_an_item() {
        for (StockAction action : StockAction.values()) {
            for (Mover mover : Mover.values()) {
                Update update = StockMoves.update(TABLE, move(action, 1, mover, "01HXYZ0000000000000000000D"));
                assertThat(new Expressions(update.expressionAttributeNames(), update.expressionAttributeValues())
                        .holds(update.conditionExpression(), Map.of())).as(action + " by " + mover).isFalse();
            }
        }
        StockDeletion deletion = new StockDeletion(new TransactionId("01HXYZ0000000000000000000C"), SKU, AT, BY);
        assertThat(new Expressions(StockMoves.NAMES, StockMoves.deletionValues(deletion))
                .holds(StockMoves.deletionGuard(), Map.of())).isFalse();
    }

    @Test
    void the_interpreter_reads_the_grammar_as_dynamodb_does() {
        Map<String, String> names = Map.of("#a", "a");
        Map<String, AttributeValue> values = Map.of(":one", AttributeValue.fromN("1"), ":two", AttributeValue.fromN("2"));
        Map<String, AttributeValue> item = Map.of("a", AttributeValue.fromN("1"));
        Expressions expressions = new Expressions(names, values);

        assertThat(expressions.holds("#a = :one OR #a = :two AND #a = :two", item)).as("AND binds tighter than OR").isTrue();
        assertThat(expressions.holds("(#a = :one OR #a = :two) AND #a = :two", item)).isFalse();
        assertThat(expressions.holds("NOT #a = :two", item)).isTrue();
        assertThat(expressions.holds("missing <> :one", item)).as("a comparison with a missing attribute is false").isFalse();
        assertThat(expressions.holds("attribute_not_exists(missing) AND attribute_exists(#a)", item)).isTrue();
        assertThat(expressions.apply("SET #a = #a + :one, b = if_not_exists(b, :two) - :one", item))
                .isEqualTo(Map.of("a", AttributeValue.fromN("2"), "b", AttributeValue.fromN("1")));
        assertThat(expressions.apply("SET b = :one REMOVE #a", item)).isEqualTo(Map.of("b", AttributeValue.fromN("1")));
        assertThat(new Expressions(names, values).unused()).containsExactlyInAnyOrder("#a", ":one", ":two");
    }
}
