package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.DELETED;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.s;

import com.stockroom.platform.DependencyFailures;
import com.stockroom.platform.Retrying;
import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockState;
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
 * condition is the rule itself ({@link StockMoves}): {@code available >= q} before an allocation,
 * and so on. Deleted stock stays as a tombstone (see {@link StockItems}) that reads as none.
 * Every call is retried through transient failures within the time budget; a write retried
 * after it landed unseen is recognised (its client request token, or the transaction it left).
 */
final class DynamoDbStocks implements Stocks {

    private static final int BATCH_GET_LIMIT = 100;

    /**
     * How many scans one page of a listing may take to step over tombstones before it answers
     * short (its cursor still leads on).
     */
    private static final int SCANS_PER_PAGE = 8;

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
                            .conditionExpression("attribute_not_exists(#pk) OR attribute_exists(#deleted)")
                            .expressionAttributeNames(Map.of("#pk", PRODUCT_ID, "#deleted", DELETED))
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
        return item(productId).filter(item -> !StockItems.isDeleted(item)).map(StockItems::stock);
    }

    @Override
    public Optional<StockState> state(ProductId productId) {
        return item(productId).map(item -> new StockState(productId,
                StockItems.isDeleted(item) ? Optional.empty() : Optional.of(StockItems.stock(item)),
                StockItems.lastChange(item)));
    }

    private Optional<Map<String, AttributeValue>> item(ProductId productId) {
        Map<String, AttributeValue> item = Retrying.call("reading stock", () -> dynamoDb.getItem(get -> get.tableName(table)
                .key(StockItems.key(productId))
                .consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
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
                response.responses().getOrDefault(table, List.of()).stream()
                        .filter(item -> !StockItems.isDeleted(item))
                        .forEach(item -> found.add(StockItems.stock(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /**
     * A page of stock, tombstones left out by the scan's filter. DynamoDB applies a scan's limit
     * before its filter, so each scan asks for no more items than the page still lacks (it
     * cannot overshoot, and the cursor is where the last scan stopped); the page answers short
     * only after {@link #SCANS_PER_PAGE} scans that met tombstones, or at the end.
     */
    @Override
    public Page<Stock> list(PageRequest page) {
        Optional<Map<String, AttributeValue>> start = page.cursor().map(cursor -> {
            String productId = PageCursors.decode(cursor);
            if (!ProductId.isValid(productId)) {
                throw new InvalidCursor();
            }
            return Map.of(PRODUCT_ID, s(productId));
        });
        List<Stock> items = new ArrayList<>();
        Optional<Map<String, AttributeValue>> from = start;
        for (int scans = 0; scans < SCANS_PER_PAGE && items.size() < page.limit(); scans++) {
            Optional<Map<String, AttributeValue>> after = from;
            int wanted = page.limit() - items.size();
            ScanResponse response = Retrying.call("listing stock", () -> dynamoDb.scan(scan -> {
                scan.tableName(table).limit(wanted).consistentRead(true)
                        .filterExpression("attribute_not_exists(#deleted)")
                        .expressionAttributeNames(Map.of("#deleted", DELETED));
                after.ifPresent(scan::exclusiveStartKey);
            }));
            response.items().forEach(item -> items.add(StockItems.stock(item)));
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(response.lastEvaluatedKey())
                    : Optional.empty();
            if (from.isEmpty()) {
                break;
            }
        }
        Optional<String> next = from.map(key -> PageCursors.encode(key.get(PRODUCT_ID).s()));
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

    /**
     * Deletes by turning the item into a tombstone, in one conditional update that also records
     * the deletion as the item's last change, so the stream's record of it says who deleted the
     * stock and the log keeps an entry for it. A DynamoDB delete cannot do that: its stream
     * record carries only the old image.
     */
    @Override
    public DeleteOutcome delete(StockDeletion deletion) {
        return Retrying.call("deleting stock", () -> deleteOnce(deletion));
    }

    private DeleteOutcome deleteOnce(StockDeletion deletion) {
        ProductId productId = deletion.productId();
        try {
            Map<String, AttributeValue> old = dynamoDb.updateItem(u -> u.tableName(table)
                    .key(StockItems.key(productId))
                    .updateExpression(StockMoves.deletionExpression(deletion))
                    .conditionExpression(StockMoves.deletionGuard())
                    .expressionAttributeNames(StockMoves.NAMES)
                    .expressionAttributeValues(StockMoves.deletionValues(deletion))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new DeleteOutcome.StockDeleted(StockItems.stock(old), deletion);
        } catch (ConditionalCheckFailedException refused) {
            return current(refused, productId)
                    .<DeleteOutcome>map(DeleteOutcome.StockStillAllocated::new)
                    .orElseGet(() -> new DeleteOutcome.StockNotFound(productId));
        }
    }

    /**
     * One update of the threshold attribute alone, guarded by the stock existing (a tombstone is
     * none): the numbers and the last change stay as they are, so the stream's record of it
     * carries the same change and the log takes no entry for it.
     */
    @Override
    public Optional<Stock> setLowStockThreshold(ProductId productId, Optional<LowStockThreshold> threshold) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PRODUCT_ID, "#deleted", DELETED, "#threshold", StockItems.LOW_STOCK_THRESHOLD));
        Map<String, AttributeValue> values = threshold.map(t -> Map.of(":threshold", StockItems.n(t.value()))).orElse(Map.of());
        try {
            Map<String, AttributeValue> item = Retrying.call("setting the low stock threshold", () -> dynamoDb.updateItem(u -> {
                u.tableName(table)
                        .key(StockItems.key(productId))
                        .updateExpression(threshold.isPresent() ? "SET #threshold = :threshold" : "REMOVE #threshold")
                        .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#deleted)")
                        .expressionAttributeNames(names)
                        .returnValues(ReturnValue.ALL_NEW);
                if (!values.isEmpty()) {
                    u.expressionAttributeValues(values);
                }
            }).attributes());
            return Optional.of(StockItems.stock(item));
        } catch (ConditionalCheckFailedException noStock) {
            return Optional.empty();
        }
    }

    /**
     * The item as the failed condition saw it, none if it was a tombstone. Only used to say why
     * a write was refused: the refusal itself was decided by the condition.
     */
    private Optional<Stock> current(ConditionalCheckFailedException refused, ProductId productId) {
        if (refused.hasItem() && !refused.item().isEmpty() && !StockItems.isDeleted(refused.item())) {
            return Optional.of(StockItems.stock(refused.item()));
        }
        return Optional.empty();
    }
}
