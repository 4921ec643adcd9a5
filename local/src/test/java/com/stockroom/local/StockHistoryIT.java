package com.stockroom.local;

import static com.stockroom.local.Api.move;
import static com.stockroom.local.Api.number;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The historic log: every change once, through the stream, whatever the stream redelivers. */
@ExtendWith(Stack.class)
class StockHistoryIT {

    @Test
    void the_log_shows_each_change_once_newest_first_with_the_numbers_before_and_after() {
        String id = stock(10);
        move(id, "allocate", 3);
        move(id, "deallocate", 1);
        move(id, "increment", 5);
        move(id, "decrement", 2);
        assertThat(move(id, "allocate", 100).status()).isEqualTo(422);
        assertThat(move(id, "deallocate", 3).status()).isEqualTo(422);

        List<Map<String, Object>> log = History.await(id, 5);

        assertThat(log).extracting(e -> e.get("action"))
                .containsExactly("decrement", "increment", "deallocate", "allocate", "increment");
        assertThat(log).extracting(e -> e.get("quantity")).containsExactly(2L, 5L, 1L, 3L, 10L);
        assertThat(log).extracting(e -> e.get("id")).doesNotHaveDuplicates();
        assertThat(levels(log.get(4), "before")).containsExactly(0, 0, 0);
        assertThat(levels(log.get(0), "after")).containsExactly(13, 11, 2);
        assertThat(levels(log.get(0), "after")).containsExactly(Api.levels(id));
        for (int i = 0; i < log.size() - 1; i++) {
            assertThat(levels(log.get(i), "before")).as("entry %d starts where the one before it ended", i)
                    .containsExactly(levels(log.get(i + 1), "after"));
        }
        for (Map<String, Object> entry : log) {
            long[] after = levels(entry, "after");
            assertThat(after[0]).isEqualTo(after[1] + after[2]);
        }
    }

    @Test
    void one_transaction_reads_back_by_its_id_and_an_unknown_one_answers_404() {
        String id = stock(4);
        Api.Response moved = move(id, "allocate", 2);
        String txnId = (String) moved.data().get("id");
        History.await(id, 2);
        Api.Response entry = Api.get("/v2/inventories/" + id + "/transactions/" + txnId);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.data()).containsEntry("id", txnId).containsEntry("action", "allocate")
                .containsEntry("quantity", 2L).containsEntry("product_id", id);
        assertThat(levels(entry.data(), "before")).containsExactly(4, 4, 0);
        assertThat(levels(entry.data(), "after")).containsExactly(4, 2, 2);
        assertThat(Api.get("/v2/inventories/" + id + "/transactions/01ARZ3NDEKTSV4RRFFQ69G5FAV").status()).isEqualTo(404);
    }

    @Test
    void the_log_pages_newest_first_without_repeats() {
        String id = stock(1);
        for (int i = 0; i < 6; i++) {
            move(id, "increment", 1);
        }
        List<Map<String, Object>> everything = History.await(id, 7);
        List<Object> paged = new ArrayList<>();
        String next = "/v2/inventories/" + id + "/transactions?page%5Blimit%5D=2";
        while (next != null) {
            Api.Response page = Api.get(next.replace("[", "%5B").replace("]", "%5D"));
            assertThat(page.dataList()).hasSizeLessThanOrEqualTo(2);
            page.dataList().forEach(e -> paged.add(e.get("id")));
            next = (String) page.links().get("next");
        }
        assertThat(paged).containsExactlyElementsOf(everything.stream().map(e -> e.get("id")).toList());
        assertThat(paged).hasSize(7);
    }

    @Test
    void the_log_of_unknown_stock_answers_404_and_a_deleted_products_log_stays_readable_and_ends_with_the_deletion() {
        assertThat(Api.get("/v2/inventories/" + Api.uniqueId("missing") + "/transactions").status()).isEqualTo(404);
        String id = stock(3);
        History.await(id, 1);
        assertThat(Api.delete("/v2/inventories/" + id).status()).isEqualTo(204);
        assertThat(History.await(id, 2)).extracting(e -> e.get("action")).containsExactly("delete", "increment");
    }

    @Test
    void a_stream_batch_delivered_twice_yields_each_history_entry_once() throws Exception {
        String id = stock(8);
        move(id, "allocate", 5);
        move(id, "decrement", 3);
        History.await(id, 3);

        List<Record> records = streamRecordsOf(id);
        assertThat(records).hasSize(3);
        String event = Json.write(StreamPoller.event(streamArn(), records));
        for (int delivery = 0; delivery < 2; delivery++) {
            Map<?, ?> response = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", event));
            assertThat((List<?>) response.get("batchItemFailures")).isEmpty();
        }

        List<Map<String, Object>> log = History.all(id);
        assertThat(log).hasSize(3);
        assertThat(log).extracting(e -> e.get("action")).containsExactly("decrement", "allocate", "increment");
    }

    @Test
    void a_record_that_cannot_be_read_is_reported_as_the_batch_item_failure_and_nothing_after_it_is_taken() throws Exception {
        String good = Api.uniqueId("p");
        String later = Api.uniqueId("p");
        String event = Json.write(Json.object("Records", List.of(
                fabricatedInsert(good, "01ARZ3NDEKTSV4RRFFQ69G5FA1", "100", true),
                fabricatedInsert(Api.uniqueId("p"), "01ARZ3NDEKTSV4RRFFQ69G5FA2", "200", false),
                fabricatedInsert(later, "01ARZ3NDEKTSV4RRFFQ69G5FA3", "300", true))));

        Map<?, ?> response = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", event));

        assertThat((List<?>) response.get("batchItemFailures")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) response.get("batchItemFailures")).get(0)).get("itemIdentifier")).isEqualTo("200");
        assertThat(History.all(good)).hasSize(1);
        assertThat(Api.get("/v2/inventories/" + later + "/transactions").status()).isEqualTo(404);
    }

    /** A stream INSERT as the stock table would make it, or, when {@code readable} is false, one missing its numbers. */
    static Map<String, Object> fabricatedInsert(String productId, String txnId, String sequence, boolean readable) {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("product_id", AttributeValue.fromS(productId));
        if (readable) {
            image.put("total", AttributeValue.fromN("5"));
            image.put("available", AttributeValue.fromN("5"));
            image.put("allocated", AttributeValue.fromN("0"));
        }
        image.put("txn_id", AttributeValue.fromS(txnId));
        image.put("txn_action", AttributeValue.fromS("INCREMENT"));
        image.put("txn_quantity", AttributeValue.fromN("5"));
        image.put("txn_at", AttributeValue.fromS("2026-12-01T10:00:00Z"));
        return Json.object(
                "eventID", "e" + sequence, "eventName", "INSERT", "eventVersion", "1.1", "eventSource", "aws:dynamodb",
                "awsRegion", "us-east-1",
                "dynamodb", Json.object(
                        "ApproximateCreationDateTime", 1764583200L,
                        "Keys", StreamPoller.image(Map.of("product_id", AttributeValue.fromS(productId))),
                        "NewImage", StreamPoller.image(image),
                        "SequenceNumber", sequence, "SizeBytes", 100L, "StreamViewType", "NEW_AND_OLD_IMAGES"),
                "eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/StockTable/stream/local");
    }

    static String streamArn() {
        try (var dynamoDb = Stack.get().dynamoDbClient()) {
            return dynamoDb.describeTable(d -> d.tableName(Stack.get().tables().get("StockTable"))).table().latestStreamArn();
        }
    }

    /** Every record the stock table's stream holds for one product, read from the start. */
    static List<Record> streamRecordsOf(String productId) {
        List<Record> found = new ArrayList<>();
        try (DynamoDbStreamsClient streams = Stack.get().streamsClient()) {
            String arn = streamArn();
            for (Shard shard : streams.describeStream(d -> d.streamArn(arn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(g -> g.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var response = streams.getRecords(g -> g.shardIterator(current).limit(1000));
                    response.records().stream()
                            .filter(r -> productId.equals(r.dynamodb().keys().get("product_id").s()))
                            .forEach(found::add);
                    iterator = response.records().isEmpty() ? null : response.nextShardIterator();
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static long[] levels(Map<String, Object> entry, String which) {
        Map<String, Object> levels = (Map<String, Object>) entry.get(which);
        return new long[] {number(levels.get("total")), number(levels.get("available")), number(levels.get("allocated"))};
    }
}
