package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.AVAILABLE;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.TOTAL;
import static com.stockroom.stock.infrastructure.StockItems.TXN_ORDER_ID;
import static com.stockroom.stock.infrastructure.StockItems.n;
import static com.stockroom.stock.infrastructure.StockItems.s;

import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Stock in DynamoDB, one item per product. Every change is a single conditional write whose
 * condition is the invariant itself: {@code available >= q} before an allocation, and so on.
 */
final class DynamoDbStocks implements Stocks {

    /** The names every expression uses: {@code total} is a DynamoDB reserved word. */
    private static final Map<String, String> NAMES = Map.of(
            "#pk", PRODUCT_ID, "#total", TOTAL, "#available", AVAILABLE, "#allocated", ALLOCATED);

    private static final String MOVE = "SET #total = #total + :total, #available = #available + :available, "
            + "#allocated = #allocated + :allocated, "
            + "txn_id = :txn_id, txn_action = :txn_action, txn_quantity = :txn_quantity, txn_at = :txn_at";

    /**
     * The invariant, and that this very transaction is not already the last one: when the SDK
     * retries an update whose first attempt landed, the retry is refused here and recognised
     * as done instead of being applied twice.
     */
    private static final String MOVE_GUARD = "attribute_exists(#pk) AND #available >= :need_available "
            + "AND #allocated >= :need_allocated AND #total <= :max_total_before "
            + "AND (attribute_not_exists(txn_id) OR txn_id <> :txn_id)";

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    DynamoDbStocks(DynamoDbClient dynamoDb, StockTables tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.stock();
    }

    @Override
    public CreateOutcome create(Stock initial, StockTransaction first) {
        try {
            dynamoDb.putItem(put -> put.tableName(table)
                    .item(StockItems.stockItem(initial, first))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PRODUCT_ID)));
            return new CreateOutcome.StockCreated(initial, first);
        } catch (ConditionalCheckFailedException exists) {
            return new CreateOutcome.StockAlreadyExists(initial.productId());
        }
    }

    @Override
    public Optional<Stock> find(ProductId productId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table)
                .key(StockItems.key(productId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StockItems.stock(item));
    }

    @Override
    public List<Stock> findAll(Collection<ProductId> productIds) {
        List<Stock> found = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = productIds.stream().map(StockItems::key).toList();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT)))
                    .consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(get -> get.requestItems(ask));
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.add(StockItems.stock(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    @Override
    public Page<Stock> list(PageRequest page) {
        Optional<Map<String, AttributeValue>> start = page.cursor().map(cursor -> {
            String productId = StockItems.fromCursor(cursor);
            if (!ProductId.isValid(productId)) {
                throw new InvalidCursor();
            }
            return Map.of(PRODUCT_ID, s(productId));
        });
        ScanResponse response = dynamoDb.scan(scan -> {
            scan.tableName(table).limit(page.limit()).consistentRead(true);
            start.ifPresent(scan::exclusiveStartKey);
        });
        List<Stock> items = response.items().stream().map(StockItems::stock).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(StockItems.cursor(response.lastEvaluatedKey().get(PRODUCT_ID).s()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public MoveOutcome move(StockTransaction txn) {
        StockAction action = txn.action();
        long totalChange = action.totalChange(txn.quantity());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":total", n(totalChange));
        values.put(":available", n(action.availableChange(txn.quantity())));
        values.put(":allocated", n(action.allocatedChange(txn.quantity())));
        values.put(":need_available", n(Math.max(0, -action.availableChange(txn.quantity()))));
        values.put(":need_allocated", n(Math.max(0, -action.allocatedChange(txn.quantity()))));
        values.put(":max_total_before", n(Stock.MAX_TOTAL - Math.max(0, totalChange)));
        StockItems.transactionAttributes(txn).forEach((name, value) -> values.put(":" + name, value));
        String expression = txn.orderId().isPresent()
                ? MOVE + ", " + TXN_ORDER_ID + " = :" + TXN_ORDER_ID
                : MOVE + " REMOVE " + TXN_ORDER_ID;
        try {
            dynamoDb.updateItem(u -> u.tableName(table)
                    .key(StockItems.key(txn.productId()))
                    .updateExpression(expression)
                    .conditionExpression(MOVE_GUARD)
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new MoveOutcome.StockMoved(txn);
        } catch (ConditionalCheckFailedException refused) {
            if (refused.hasItem() && StockItems.lastTransaction(refused.item()).map(StockTransaction::id).equals(Optional.of(txn.id()))) {
                return new MoveOutcome.StockMoved(txn);
            }
            return current(refused, txn.productId())
                    .<MoveOutcome>map(stock -> new MoveOutcome.MoveRefused(txn, stock))
                    .orElseGet(() -> new MoveOutcome.StockNotFound(txn.productId()));
        }
    }

    @Override
    public DeleteOutcome delete(ProductId productId) {
        try {
            Map<String, AttributeValue> old = dynamoDb.deleteItem(d -> d.tableName(table)
                    .key(StockItems.key(productId))
                    .conditionExpression("attribute_exists(#pk) AND #allocated = :zero")
                    .expressionAttributeNames(Map.of("#pk", PRODUCT_ID, "#allocated", ALLOCATED))
                    .expressionAttributeValues(Map.of(":zero", n(0)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new DeleteOutcome.StockDeleted(StockItems.stock(old));
        } catch (ConditionalCheckFailedException refused) {
            return current(refused, productId)
                    .<DeleteOutcome>map(DeleteOutcome.StockStillAllocated::new)
                    .orElseGet(() -> new DeleteOutcome.StockNotFound(productId));
        }
    }

    /**
     * The item as the failed condition saw it. Only used to say why a write was refused: the
     * refusal itself was decided by the condition.
     */
    private Optional<Stock> current(ConditionalCheckFailedException refused, ProductId productId) {
        if (refused.hasItem() && !refused.item().isEmpty()) {
            return Optional.of(StockItems.stock(refused.item()));
        }
        return Optional.empty();
    }
}
