package com.stockroom.local;

import static com.stockroom.local.Api.move;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Stock events through the whole stack: stock created with a low stock threshold and moved
 * through the API, its changes carried by the stock table's stream to the stock-history
 * function, which publishes them with the real EventBridge client to the local stack's bus,
 * read back from {@code GET /local/events}.
 */
@ExtendWith(Stack.class)
class StockEventsIT {

    private static final String CREATED = "stock-transaction.created";

    private static String stockWithThreshold(long quantity, long threshold) {
        String id = Api.uniqueId("ev");
        Api.Response created = Api.post("/v2/inventories/" + id,
                "{\"data\":{\"type\":\"stock\",\"quantity\":" + quantity + ",\"low_stock_threshold\":" + threshold + "}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.data()).containsEntry("low_stock_threshold", threshold);
        return id;
    }

    /** The product's events as {@code GET /local/events?product_id=} lists them. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(String productId) {
        Api.Response listed = Api.get("/local/events?product_id=" + productId);
        assertThat(listed.status()).isEqualTo(200);
        return (List<Map<String, Object>>) (List<?>) listed.dataList();
    }

    /**
     * Waits (up to 20 s: the stream is asynchronous) for {@code count} events of the product,
     * then a little longer, so that one too many would be seen too.
     */
    static List<Map<String, Object>> awaitEvents(String productId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (events(productId).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_500);
        return events(productId);
    }

    private static List<Object> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("detail-type")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) detail(event).get("payload")).get("data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void moving_stock_across_its_threshold_to_nothing_and_back_publishes_each_crossing_once_after_its_transaction() throws Exception {
        String id = stockWithThreshold(10, 3);
        assertThat(move(id, "decrement", 6).status()).isEqualTo(200);   // 4: above the threshold still
        assertThat(move(id, "allocate", 1).status()).isEqualTo(200);    // 3: low
        assertThat(move(id, "decrement", 3).status()).isEqualTo(200);   // 0: out
        assertThat(move(id, "increment", 2).status()).isEqualTo(200);   // 2: back in stock, low still
        assertThat(move(id, "deallocate", 1).status()).isEqualTo(200);  // 3: low still, no new low
        assertThat(move(id, "increment", 5).status()).isEqualTo(200);   // 8: above
        assertThat(move(id, "decrement", 5).status()).isEqualTo(200);   // 3: low again

        List<Map<String, Object>> events = awaitEvents(id, 12);

        assertThat(types(events)).containsExactly(
                CREATED,
                CREATED,
                CREATED, "stock.low",
                CREATED, "stock.out",
                CREATED, "stock.back_in_stock",
                CREATED,
                CREATED,
                CREATED, "stock.low");
        assertThat(events).allSatisfy(event -> {
            assertThat(event).containsEntry("source", "stockroom.inventory").containsEntry("version", "0");
            assertThat(detail(event)).containsEntry("product_id", id).containsEntry("triggered_by", event.get("detail-type"));
        });
        assertThat(events.stream().map(e -> detail(e).get("id")).toList()).doesNotHaveDuplicates();
        assertThat(events.stream().map(e -> e.get("id")).toList()).doesNotHaveDuplicates();

        Map<String, Object> firstLow = data(events.get(3));
        assertThat(firstLow).containsEntry("id", id).containsEntry("type", "stock").containsEntry("available", 3L)
                .containsEntry("allocated", 1L).containsEntry("total", 4L).containsEntry("low_stock_threshold", 3L);
        assertThat((Map<String, Object>) firstLow.get("previous")).containsEntry("available", 4L);
        assertThat(firstLow.get("transaction_id")).isEqualTo(data(events.get(2)).get("id"));
        Map<String, Object> out = data(events.get(5));
        assertThat(out).containsEntry("available", 0L);
        Map<String, Object> outCause = data(events.get(4));
        assertThat(outCause).containsEntry("type", "stock-transaction").containsEntry("action", "decrement")
                .containsEntry("quantity", 3L).containsEntry("product_id", id);
        assertThat((Map<String, Object>) outCause.get("after")).containsEntry("total", 1L).containsEntry("available", 0L)
                .containsEntry("allocated", 1L);
        assertThat(data(events.get(7))).containsEntry("available", 2L);

        List<Object> logged = new ArrayList<>(History.await(id, 8).stream().map(e -> e.get("id")).toList());
        java.util.Collections.reverse(logged);
        assertThat(events.stream().filter(e -> CREATED.equals(e.get("detail-type"))).map(e -> data(e).get("id")).toList())
                .containsExactlyElementsOf(logged);
    }

    @Test
    void the_filters_of_local_events_pick_by_detail_type_and_product() throws Exception {
        String id = stockWithThreshold(2, 5);
        move(id, "decrement", 2);
        awaitEvents(id, 3);

        Api.Response outs = Api.get("/local/events?detail-type=stock.out&product_id=" + id);

        assertThat(outs.dataList()).singleElement().satisfies(e -> assertThat(e).containsEntry("detail-type", "stock.out"));
        assertThat(Api.get("/local/events?colour=blue").status()).isEqualTo(400);
    }

    @Test
    void raising_the_threshold_over_what_is_available_publishes_low_with_no_transaction_and_clearing_it_publishes_nothing() throws Exception {
        String id = stockWithThreshold(5, 2);
        Api.Response raised = Api.method("PUT", "/v2/inventories/" + id, "{\"data\":{\"type\":\"stock\",\"low_stock_threshold\":5}}");
        assertThat(raised.status()).as(raised.raw()).isEqualTo(200);
        assertThat(raised.data()).containsEntry("low_stock_threshold", 5L).containsEntry("available", 5L);
        assertThat(Api.get("/v2/inventories/" + id).data()).containsEntry("low_stock_threshold", 5L);

        Api.Response cleared = Api.method("PUT", "/v2/inventories/" + id, "{\"data\":{\"low_stock_threshold\":null}}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.data()).doesNotContainKey("low_stock_threshold");
        move(id, "decrement", 5);

        assertThat(types(awaitEvents(id, 4))).containsExactly(CREATED, "stock.low", CREATED, "stock.out");
        assertThat(History.await(id, 2)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1000000001", "\"3\"", "true", "{}", "1e3"})
    void a_threshold_that_is_not_a_whole_number_from_0_to_a_billion_is_refused_on_create_and_on_update(String threshold) {
        String id = Api.uniqueId("ev");
        Api.Response refused = Api.post("/v2/inventories/" + id, "{\"data\":{\"quantity\":5,\"low_stock_threshold\":" + threshold + "}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.firstError().get("detail")).asString().contains("low_stock_threshold");
        assertThat(Api.get("/v2/inventories/" + id).status()).isEqualTo(404);

        String existing = Api.stock(5);
        Api.Response update = Api.method("PUT", "/v2/inventories/" + existing, "{\"data\":{\"low_stock_threshold\":" + threshold + "}}");
        assertThat(update.status()).as(update.raw()).isEqualTo(400);
        assertThat(Api.get("/v2/inventories/" + existing).data()).doesNotContainKey("low_stock_threshold");
    }

    @Test
    void an_update_without_the_threshold_or_of_no_stock_is_refused() {
        String existing = Api.stock(5);
        assertThat(Api.method("PUT", "/v2/inventories/" + existing, "{\"data\":{\"type\":\"stock\"}}").status()).isEqualTo(400);
        assertThat(Api.method("PUT", "/v2/inventories/" + existing, "{\"data\":{\"type\":\"order\",\"low_stock_threshold\":1}}").status())
                .isEqualTo(400);
        assertThat(Api.method("PUT", "/v2/inventories/" + Api.uniqueId("missing"), "{\"data\":{\"low_stock_threshold\":1}}").status())
                .isEqualTo(404);
        String deleted = Api.stock(1);
        assertThat(Api.delete("/v2/inventories/" + deleted).status()).isEqualTo(204);
        assertThat(Api.method("PUT", "/v2/inventories/" + deleted, "{\"data\":{\"low_stock_threshold\":1}}").status()).isEqualTo(404);
    }

    @Test
    void a_stream_batch_delivered_again_publishes_its_events_again_with_the_same_ids() throws Exception {
        String id = stockWithThreshold(4, 2);
        move(id, "decrement", 4);
        List<Map<String, Object>> first = awaitEvents(id, 4);
        assertThat(types(first)).containsExactly(CREATED, CREATED, "stock.low", "stock.out");

        List<Record> records = StockHistoryIT.streamRecordsOf(id);
        String batch = Json.write(StreamPoller.event(StockHistoryIT.streamArn(), records));
        Map<?, ?> answer = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", batch));
        assertThat((List<?>) answer.get("batchItemFailures")).isEmpty();

        List<Map<String, Object>> all = awaitEvents(id, 8);
        assertThat(all).hasSize(8);
        List<Map<String, Object>> replayed = all.subList(4, 8);
        assertThat(replayed.stream().map(e -> detail(e).get("id")).toList())
                .containsExactlyElementsOf(first.stream().map(e -> detail(e).get("id")).toList());
        assertThat(types(replayed)).containsExactlyElementsOf(types(first));
        assertThat(History.all(id)).hasSize(2);
    }

    @Test
    void entries_the_bus_refuses_are_sent_again_and_a_record_whose_events_stay_refused_is_where_the_batch_fails() throws Exception {
        String recovers = Api.uniqueId("ev");
        String refused = Api.uniqueId("ev");
        String after = Api.uniqueId("ev");
        String batch = Json.write(Json.object("Records", List.of(
                StockHistoryIT.fabricatedInsert(recovers, "01ARZ3NDEKTSV4RRFFQ69G5FB1", "900000001", true),
                StockHistoryIT.fabricatedInsert(refused, "01ARZ3NDEKTSV4RRFFQ69G5FB2", "900000002", true),
                StockHistoryIT.fabricatedInsert(after, "01ARZ3NDEKTSV4RRFFQ69G5FB3", "900000003", true))));
        // Refused twice, then taken: within the function's three attempts. Refused always: never.
        Stack.get().events().refuse(recovers, 2);
        Stack.get().events().refuse(refused, 1_000);
        try {
            Map<?, ?> answer = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", batch));

            assertThat((List<?>) answer.get("batchItemFailures")).singleElement()
                    .satisfies(failure -> assertThat(((Map<?, ?>) failure).get("itemIdentifier")).isEqualTo("900000002"));
        } finally {
            Stack.get().events().refuse(refused, 0);
        }
        assertThat(types(events(recovers))).containsExactly(CREATED);
        assertThat(events(refused)).isEmpty();
        // Written to the log before publishing was tried: the retry from 900000002 writes it again, harmlessly.
        assertThat(History.all(refused)).hasSize(1);

        List<Object> ids = new ArrayList<>(events(after).stream().map(e -> detail(e).get("id")).toList());
        Map<?, ?> retried = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", Json.write(Json.object("Records", List.of(
                StockHistoryIT.fabricatedInsert(refused, "01ARZ3NDEKTSV4RRFFQ69G5FB2", "900000002", true),
                StockHistoryIT.fabricatedInsert(after, "01ARZ3NDEKTSV4RRFFQ69G5FB3", "900000003", true))))));
        assertThat((List<?>) retried.get("batchItemFailures")).isEmpty();
        assertThat(types(events(refused))).containsExactly(CREATED);
        ids.addAll(events(after).stream().map(e -> detail(e).get("id")).toList());
        assertThat(ids).as("the record after the failure, published in the failed call's batch or not, has one id").containsOnly(ids.get(ids.size() - 1));
    }
}
