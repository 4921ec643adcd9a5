package com.stockroom.stock.infrastructure;

import static com.stockroom.stock.infrastructure.StockItems.BY_SEQUENCE;
import static com.stockroom.stock.infrastructure.StockItems.HISTORY_TXN_ID;
import static com.stockroom.stock.infrastructure.StockItems.PRODUCT_ID;
import static com.stockroom.stock.infrastructure.StockItems.SEQUENCE;
import static com.stockroom.stock.infrastructure.StockItems.s;

import com.stockroom.platform.DependencyFailures;
import com.stockroom.platform.Retrying;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.StockHistory;
import com.stockroom.stock.model.TransactionId;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The historic log in DynamoDB: one item per change, keyed by product and time-ordered
 * transaction id. A single entry is written on condition that it is new; a stream batch's
 * entries go in batch writes of up to {@value #BATCH_SIZE}, which take no conditions, and need
 * none: an entry is made from its stream record alone, so a replayed record puts the very same
 * item again.
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

    /** The most items one {@code BatchWriteItem} takes. */
    static final int BATCH_SIZE = 25;

    @Override
    public void recordAll(List<HistoryEntry> entries) {
        for (int from = 0; from < entries.size(); from += BATCH_SIZE) {
            // One request may not name a key twice: a batch that delivers one change twice keeps one.
            Map<String, WriteRequest> byKey = new LinkedHashMap<>();
            for (HistoryEntry entry : entries.subList(from, Math.min(entries.size(), from + BATCH_SIZE))) {
                byKey.put(entry.change().productId().value() + "\n" + entry.change().id().value(),
                        WriteRequest.builder().putRequest(p -> p.item(StockItems.historyItem(entry))).build());
            }
            List<List<WriteRequest>> left = new ArrayList<>(List.of(List.copyOf(byKey.values())));
            Retrying.run("recording history", () -> {
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(batch -> batch.requestItems(Map.of(table, left.get(0))));
                List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
                if (!unprocessed.isEmpty()) {
                    left.set(0, unprocessed);
                    throw new DependencyFailures.UnprocessedItems(unprocessed.size() + " history entries were left unprocessed");
                }
            });
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
            String[] parts = PageCursors.decode(cursor).split("\\.", -1);
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
                ? Optional.of(PageCursors.encode(response.lastEvaluatedKey().get(SEQUENCE).s()
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
