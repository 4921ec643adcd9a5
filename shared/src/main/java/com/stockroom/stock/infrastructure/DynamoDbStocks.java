package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
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
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.Stocks;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
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
        try {
            dynamoDb.updateItem(u -> u.tableName(table)
                    .key(StockItems.key(txn.productId()))
                    .updateExpression(StockMoves.expression(txn))
                    .conditionExpression(StockMoves.guard(txn))
                    .expressionAttributeNames(StockMoves.NAMES)
                    .expressionAttributeValues(StockMoves.values(txn))
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
