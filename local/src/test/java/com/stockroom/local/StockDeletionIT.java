package com.stockroom.local;

import static com.stockroom.local.StockHistoryIT.levels;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Deleting stock is a change the log records, with its author and the numbers it took to zero,
 * so that a product deleted and created again still adds up; and deleted stock is gone from
 * every read but its log.
 */
@ExtendWith(Stack.class)
class StockDeletionIT {

    private final StockAdmin stockAdmin = new StockAdmin();
    private final String adminSubject = stockAdmin.subject();
    private final Api.Client admin = stockAdmin.client();

    @Test
    void deleting_stock_logs_a_delete_by_its_author_from_the_numbers_it_held_to_zero() {
        String id = stockAdmin.create(7);
        stockAdmin.move(id, "decrement", 2);

        assertThat(admin.delete("/v2/inventories/" + id).status()).isEqualTo(204);

        List<Map<String, Object>> log = History.await(id, 3);
        assertThat(log).extracting(e -> e.get("action")).containsExactly("delete", "decrement", "increment");
        Map<String, Object> deletion = log.get(0);
        assertThat(deletion).containsEntry("quantity", 5L).containsEntry("product_id", id).doesNotContainKeys("reason", "order_id");
        assertThat(deletion.get("actor")).isEqualTo(Map.of("subject", adminSubject, "client_id", "back-office"));
        assertThat(levels(deletion, "before")).containsExactly(5, 5, 0);
        assertThat(levels(deletion, "after")).containsExactly(0, 0, 0);
        assertThat(admin.get("/v2/inventories/" + id + "/transactions/" + deletion.get("id")).data()).containsEntry("action", "delete");
    }

    @Test
    void deleted_stock_reads_as_none_everywhere_and_takes_no_move_but_its_log_stays_readable() {
        String id = stockAdmin.create(4);
        assertThat(admin.delete("/v2/inventories/" + id).status()).isEqualTo(204);

        assertThat(admin.get("/v2/inventories/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/v2/inventories/" + id).status()).isEqualTo(404);
        assertThat(admin.post("/v2/inventories/" + id + "/transactions",
                "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"increment\",\"quantity\":1}}").status()).isEqualTo(404);
        assertThat(admin.post("/v2/inventories/multiple", "{\"data\":[{\"id\":\"" + id + "\"}]}").dataList()).isEmpty();
        assertThat(allListed()).doesNotContain(id);
        assertThat(History.await(id, 2)).hasSize(2);
    }

    @Test
    void create_decrement_delete_and_create_again_keeps_the_log_s_before_and_after_chain_unbroken() {
        String id = stockAdmin.deletedAndCreatedAgain();

        List<Map<String, Object>> log = History.await(id, 5);
        assertThat(log).extracting(e -> e.get("action")).containsExactly("allocate", "increment", "delete", "decrement", "increment");
        for (int i = 0; i < log.size() - 1; i++) {
            assertThat(levels(log.get(i), "before")).as("entry %d starts where the one before it ended", i)
                    .containsExactly(levels(log.get(i + 1), "after"));
        }
        assertThat(allListed()).contains(id);
    }

    @Test
    void the_stream_records_of_a_deletion_and_a_re_creation_delivered_again_change_nothing() throws Exception {
        String id = stockAdmin.create(5);
        assertThat(admin.delete("/v2/inventories/" + id).status()).isEqualTo(204);
        assertThat(admin.post("/v2/inventories/" + id, StockAdmin.quantity(2)).status()).isEqualTo(201);
        List<Map<String, Object>> before = History.await(id, 3);

        List<Record> records = StockHistoryIT.streamRecordsOf(id);
        assertThat(records).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY", "MODIFY");
        String event = Json.write(StreamPoller.event(StockHistoryIT.streamArn(), records));
        for (int delivery = 0; delivery < 2; delivery++) {
            Map<?, ?> response = (Map<?, ?>) Json.parse(Stack.get().invoke("StockHistoryFunction", event));
            assertThat((List<?>) response.get("batchItemFailures")).isEmpty();
        }

        assertThat(History.all(id)).isEqualTo(before);
    }

    /** Every product id the listing shows, page by page. */
    private List<String> allListed() {
        List<String> ids = new ArrayList<>();
        String next = "/v2/inventories?page[limit]=100";
        while (next != null) {
            Api.Response page = admin.get(next.replace("[", "%5B").replace("]", "%5D"));
            assertThat(page.status()).isEqualTo(200);
            page.dataList().forEach(stock -> ids.add((String) stock.get("id")));
            next = (String) page.links().get("next");
        }
        return ids;
    }
}
