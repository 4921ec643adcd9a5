package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.ALLOCATED;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.n;
import static com.stockroom.stock.infrastructure.StockItems.s;

import com.stockroom.platform.DependencyFailures;
import com.stockroom.platform.Retrying;
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
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stock in DynamoDB, one item per product. Every change is a single conditional write whose
 * condition is the invariant itself: {@code available >= q} before an allocation, and so on.
 * Every call is retried through transient failures within the time budget; a write retried
 * after it landed unseen is recognised by the transaction it left on the item.
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
        return Retrying.call("creating stock", () -> createOnce(initial, first));
    }

    /**
     * One put, as a single-action transaction whose client request token is the first
     * transaction's id: however often it is sent (the SDK's retries, ours), it lands once.
     */
    private CreateOutcome createOnce(Stock initial, StockTransaction first) {
        try {
            dynamoDb.transactWriteItems(t -> t.clientRequestToken(first.id().value()).transactItems(TransactWriteItem.builder()
                    .put(Put.builder().tableName(table)
                            .item(StockItems.stockItem(initial, first))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", PRODUCT_ID))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .build()));
            return new CreateOutcome.StockCreated(initial, first);
        } catch (TransactionCanceledException cancelled) {
            CancellationReason reason = refusal(cancelled);
            if (reason.hasItem() && StockItems.lastTransaction(reason.item()).map(StockTransaction::id).equals(Optional.of(first.id()))) {
                return new CreateOutcome.StockCreated(initial, first);
            }
            return new CreateOutcome.StockAlreadyExists(initial.productId());
        }
    }

    @Override
    public Optional<Stock> find(ProductId productId) {
        Map<String, AttributeValue> item = Retrying.call("reading stock", () -> dynamoDb.getItem(get -> get.tableName(table)
                .key(StockItems.key(productId))
                .consistentRead(true)).item());
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
                BatchGetItemResponse response = Retrying.call("reading stock", () -> dynamoDb.batchGetItem(get -> get.requestItems(ask)));
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
        ScanResponse response = Retrying.call("listing stock", () -> dynamoDb.scan(scan -> {
            scan.tableName(table).limit(page.limit()).consistentRead(true);
            start.ifPresent(scan::exclusiveStartKey);
        }));
        List<Stock> items = response.items().stream().map(StockItems::stock).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(StockItems.cursor(response.lastEvaluatedKey().get(PRODUCT_ID).s()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public MoveOutcome move(StockTransaction txn) {
        return Retrying.call("moving stock", () -> moveOnce(txn));
    }

    /**
     * One guarded update, as a single-action transaction whose client request token is the
     * transaction's id: a retry of a move that landed unseen is a no-op for DynamoDB even when
     * other moves landed in between (the guard's last-transaction check alone would not see it).
     */
    private MoveOutcome moveOnce(StockTransaction txn) {
        try {
            dynamoDb.transactWriteItems(t -> t.clientRequestToken(txn.id().value()).transactItems(TransactWriteItem.builder()
                    .update(StockMoves.update(table, txn)).build()));
            return new MoveOutcome.StockMoved(txn);
        } catch (TransactionCanceledException cancelled) {
            CancellationReason reason = refusal(cancelled);
            return switch (StockMoves.refusal(reason, Optional.of(txn)).orElseThrow()) {
                case ALREADY_APPLIED -> new MoveOutcome.StockMoved(txn);
                case NO_SUCH_STOCK -> new MoveOutcome.StockNotFound(txn.productId());
                case SHORT -> new MoveOutcome.MoveRefused(txn, StockItems.stock(reason.item()));
            };
        }
    }

    /** The reason a single-action transaction failed its condition; a transient cancellation is rethrown for a retry. */
    private static CancellationReason refusal(TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        if (!DependencyFailures.conditionFailed(reasons, 0)) {
            throw cancelled;
        }
        return reasons.get(0);
    }

    @Override
    public DeleteOutcome delete(ProductId productId) {
        return Retrying.call("deleting stock", () -> deleteOnce(productId));
    }

    private DeleteOutcome deleteOnce(ProductId productId) {
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
