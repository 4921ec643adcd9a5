package com.stockroom.order.infrastructure;

import static com.stockroom.order.infrastructure.OrderItems.AWAITING_SHARDS;
import static com.stockroom.order.infrastructure.OrderItems.AWAITING_PAYMENT;
import static com.stockroom.order.infrastructure.OrderItems.BY_PAYMENT_DEADLINE;
import static com.stockroom.order.infrastructure.OrderItems.ORDER_ID;
import static com.stockroom.order.infrastructure.OrderItems.PAYMENT_DEADLINE;
import static com.stockroom.order.infrastructure.OrderItems.VERSION;

import com.stockroom.order.model.Cart;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.Orders;
import com.stockroom.platform.DependencyFailures;
import com.stockroom.platform.Retrying;
import com.stockroom.stock.infrastructure.PageCursors;
import com.stockroom.stock.infrastructure.StockMoves;
import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.StockTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Orders in DynamoDB. Placing an order and every later step is one {@code TransactWriteItems}:
 * each line's stock check or move (conditional on the invariant) and the order's own write
 * (conditional on its version), all or nothing. The SDK gives each call a client request token
 * of its own and keeps it across its retries, so a retried transaction that landed is a no-op.
 */
final class DynamoDbOrders implements Orders {

    private final DynamoDbClient dynamoDb;
    private final OrderTables tables;

    @Inject
    DynamoDbOrders(DynamoDbClient dynamoDb, OrderTables tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    @Override
    public Optional<Order> find(OrderId id) {
        Map<String, AttributeValue> item = Retrying.call("reading an order", () -> dynamoDb.getItem(g -> g.tableName(tables.orders())
                .key(OrderItems.orderKey(id)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.order(item));
    }

    @Override
    public WriteOutcome place(Order order, Cart cart) {
        List<TransactWriteItem> items = new ArrayList<>();
        order.lines().forEach(line -> items.add(TransactWriteItem.builder()
                .conditionCheck(StockMoves.availableAtLeast(tables.stock(), line.productId(), line.quantity())).build()));
        items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(tables.carts())
                .key(OrderItems.cartKey(cart.ref()))
                .conditionExpression(OrderItems.OWNED_AT_VERSION)
                .expressionAttributeNames(OrderItems.OWNED_AT_VERSION_NAMES)
                .expressionAttributeValues(OrderItems.ownedAtVersion(cart.owner(), cart.version()))
                .build()).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.orders())
                .item(OrderItems.orderItem(order))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ORDER_ID))
                .build()).build());
        return write(order, items, order.lines().size());
    }

    @Override
    public WriteOutcome step(Order from, Order to, List<StockTransaction> moves, OrderAccess access) {
        List<TransactWriteItem> items = new ArrayList<>();
        moves.forEach(move -> items.add(TransactWriteItem.builder().update(StockMoves.update(tables.stock(), move)).build()));
        Put.Builder put = Put.builder().tableName(tables.orders()).item(OrderItems.orderItem(to));
        if (access.anyOrder()) {
            put.conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":version", OrderItems.n(from.version())));
        } else {
            put.conditionExpression(OrderItems.OWNED_AT_VERSION)
                    .expressionAttributeNames(OrderItems.OWNED_AT_VERSION_NAMES)
                    .expressionAttributeValues(OrderItems.ownedAtVersion(access.actor().subject(), from.version()));
        }
        items.add(TransactWriteItem.builder().put(put.build()).build());
        return write(to, items, moves.size());
    }

    /**
     * Writes one transaction: {@code stockActions} stock checks or moves first, then the order's
     * own items (a check on its cart, its write). A cancelled transaction is read as the one
     * classifier says: a failed condition of the order's own items first (it changed meanwhile:
     * read it again), then a stock condition (short), and only then transient reasons, which
     * are retried within the time budget.
     */
    private WriteOutcome write(Order order, List<TransactWriteItem> items, int stockActions) {
        // One token for every attempt of this write: a retry of one that landed unseen is a no-op.
        String token = UUID.randomUUID().toString();
        return Retrying.call("writing an order", () -> {
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(items).clientRequestToken(token));
                return new WriteOutcome.Written(order);
            } catch (IdempotentParameterMismatchException reused) {
                return new WriteOutcome.ChangedMeanwhile();
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
                for (int i = stockActions; i < items.size(); i++) {
                    if (DependencyFailures.conditionFailed(reasons, i)) {
                        return new WriteOutcome.ChangedMeanwhile();
                    }
                }
                for (int i = 0; i < Math.min(stockActions, reasons.size()); i++) {
                    if (StockMoves.refusal(reasons.get(i), Optional.empty()).isPresent()) {
                        return new WriteOutcome.StockShort();
                    }
                }
                throw cancelled;
            }
        });
    }

    /** The oldest overdue payments of each index shard, at most {@code limit} in all. */
    @Override
    public List<Order> awaitingPaymentSince(Instant deadline, int limit) {
        List<Order> overdue = new ArrayList<>();
        for (int shard = 0; shard < AWAITING_SHARDS && overdue.size() < limit; shard++) {
            String key = OrderItems.awaitingShard(shard);
            int wanted = limit - overdue.size();
            Retrying.call("reading overdue payments", () -> dynamoDb.query(q -> q.tableName(tables.orders())
                            .indexName(BY_PAYMENT_DEADLINE)
                            .keyConditionExpression("#awaiting = :awaiting AND #deadline <= :deadline")
                            .expressionAttributeNames(Map.of("#awaiting", AWAITING_PAYMENT, "#deadline", PAYMENT_DEADLINE))
                            .expressionAttributeValues(Map.of(
                                    ":awaiting", OrderItems.s(key),
                                    ":deadline", OrderItems.n(deadline.toEpochMilli())))
                            .limit(wanted)))
                    .items().forEach(item -> overdue.add(OrderItems.order(item)));
        }
        return overdue;
    }

    /**
     * A page of the payment-deadline index, shard after shard (by deadline within each shard).
     * The cursor names where the page stopped: the shard, and the index key of its last order
     * there (its deadline and id), so the next page's query starts right after it.
     */
    @Override
    public Page<Order> awaitingPayment(PageRequest page) {
        Optional<Position> start = page.cursor().map(Position::parse);
        int shard = start.map(Position::shard).orElse(0);
        Optional<Map<String, AttributeValue>> after = start.map(Position::key);
        List<Order> orders = new ArrayList<>();
        Optional<Position> next = Optional.empty();
        while (shard < AWAITING_SHARDS) {
            int wanted = page.limit() - orders.size();
            String key = OrderItems.awaitingShard(shard);
            Optional<Map<String, AttributeValue>> from = after;
            QueryResponse response = Retrying.call("listing orders awaiting payment", () -> dynamoDb.query(q -> {
                q.tableName(tables.orders()).indexName(BY_PAYMENT_DEADLINE).limit(wanted)
                        .keyConditionExpression("#awaiting = :awaiting")
                        .expressionAttributeNames(Map.of("#awaiting", AWAITING_PAYMENT))
                        .expressionAttributeValues(Map.of(":awaiting", OrderItems.s(key)));
                from.ifPresent(q::exclusiveStartKey);
            }));
            response.items().forEach(item -> orders.add(OrderItems.order(item)));
            boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            if (orders.size() >= page.limit()) {
                Map<String, AttributeValue> last = response.items().get(response.items().size() - 1);
                next = Optional.of(new Position(shard, Map.of(
                        ORDER_ID, last.get(ORDER_ID),
                        AWAITING_PAYMENT, last.get(AWAITING_PAYMENT),
                        PAYMENT_DEADLINE, last.get(PAYMENT_DEADLINE))));
                if (!more && shard == AWAITING_SHARDS - 1) {
                    next = Optional.empty();
                }
                break;
            }
            if (more) {
                after = Optional.of(response.lastEvaluatedKey());
            } else {
                shard++;
                after = Optional.empty();
            }
        }
        return new Page<>(orders, next.map(Position::cursor));
    }

    /** Where a page of the payment-deadline index stopped: a shard, and the last key read in it. */
    private record Position(int shard, Map<String, AttributeValue> key) {

        String cursor() {
            return PageCursors.encode(shard + "." + key.get(PAYMENT_DEADLINE).n() + "." + key.get(ORDER_ID).s());
        }

        static Position parse(String cursor) {
            String[] parts = PageCursors.decode(cursor).split("\\.", -1);
            if (parts.length != 3 || !parts[0].matches("[0-9]") || Integer.parseInt(parts[0]) >= AWAITING_SHARDS
                    || !parts[1].matches("[0-9]{1,18}") || !OrderId.isValid(parts[2])) {
                throw new InvalidCursor();
            }
            int shard = Integer.parseInt(parts[0]);
            return new Position(shard, Map.of(
                    ORDER_ID, OrderItems.s(parts[2]),
                    AWAITING_PAYMENT, OrderItems.s(OrderItems.awaitingShard(shard)),
                    PAYMENT_DEADLINE, OrderItems.n(Long.parseLong(parts[1]))));
        }
    }
}
