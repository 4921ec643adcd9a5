package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.BY_SEQUENCE;
import static com.stockroom.stock.infrastructure.StockItems.HISTORY_TXN_ID;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.SEQUENCE;
import static com.stockroom.stock.infrastructure.StockItems.s;

import com.stockroom.platform.Retrying;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.StockHistory;
import com.stockroom.stock.model.TransactionId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The historic log in DynamoDB: one item per change, keyed by product and time-ordered
 * transaction id. Writing is conditional on the entry being new, so a replayed stream record
 * changes nothing.
 */
final class DynamoDbStockHistory implements StockHistory {

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    DynamoDbStockHistory(DynamoDbClient dynamoDb, StockTables tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.history();
    }

    @Override
    public boolean record(HistoryEntry entry) {
        return Retrying.call("recording history", () -> recordOnce(entry));
    }

    private boolean recordOnce(HistoryEntry entry) {
        try {
            dynamoDb.putItem(put -> put.tableName(table)
                    .item(StockItems.historyItem(entry))
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", HISTORY_TXN_ID)));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    @Override
    public Optional<HistoryEntry> find(ProductId productId, TransactionId transactionId) {
        Map<String, AttributeValue> item = Retrying.call("reading history", () -> dynamoDb.getItem(get -> get.tableName(table)
                .key(StockItems.historyKey(productId, transactionId))).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StockItems.historyEntry(item));
    }

    /** Newest first in the order the changes were made: the sequence index, read backwards. */
    @Override
    public Page<HistoryEntry> list(ProductId productId, PageRequest page) {
        Optional<Map<String, AttributeValue>> start = page.cursor().map(cursor -> {
            String[] parts = StockItems.fromCursor(cursor).split("\\.", -1);
            if (parts.length != 2 || !parts[0].matches("[0-9]{40}") || !TransactionId.isValid(parts[1])) {
                throw new InvalidCursor();
            }
            return Map.of(PRODUCT_ID, s(productId.value()), SEQUENCE, s(parts[0]), HISTORY_TXN_ID, s(parts[1]));
        });
        QueryResponse response = Retrying.call("reading history", () -> dynamoDb.query(query -> {
            query.tableName(table)
                    .indexName(BY_SEQUENCE)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PRODUCT_ID))
                    .expressionAttributeValues(Map.of(":pk", s(productId.value())))
                    .scanIndexForward(false)
                    .limit(page.limit());
            start.ifPresent(query::exclusiveStartKey);
        }));
        List<HistoryEntry> entries = response.items().stream().map(StockItems::historyEntry).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(StockItems.cursor(response.lastEvaluatedKey().get(SEQUENCE).s()
                        + "." + response.lastEvaluatedKey().get(HISTORY_TXN_ID).s()))
                : Optional.empty();
        return new Page<>(entries, next);
    }

    /** Oldest first in the order the changes were made: the sequence index read forwards, to its end. */
    @Override
    public void eachOldestFirst(ProductId productId, Consumer<HistoryEntry> each) {
        Map<String, AttributeValue> start = Map.of();
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = Retrying.call("reading history", () -> dynamoDb.query(query -> {
                query.tableName(table)
                        .indexName(BY_SEQUENCE)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PRODUCT_ID))
                        .expressionAttributeValues(Map.of(":pk", s(productId.value())))
                        .scanIndexForward(true);
                if (!from.isEmpty()) {
                    query.exclusiveStartKey(from);
                }
            }));
            response.items().forEach(item -> each.accept(StockItems.historyEntry(item)));
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
        } while (!start.isEmpty());
    }
}
