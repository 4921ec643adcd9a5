package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit replays a product's whole log against its stock: it agrees when they add up, across
 * deletions and re-creations, and names the first entry where a log broken on purpose (an entry
 * deleted, or one written straight into the history table) parts.
 */
@ExtendWith(Stack.class)
class StockAuditIT {

    private final StockAdmin stockAdmin = new StockAdmin();
    private final String adminSubject = stockAdmin.subject();
    private final Api.Client admin = stockAdmin.client();

    private Map<String, Object> audit(String id) {
        Api.Response audit = admin.get("/v2/inventories/" + id + "/audit");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.data()).containsEntry("type", "stock-audit").containsEntry("id", id);
        return audit.data();
    }

    /** The audit once the log holds the stock's last change: what a caller does when caught_up is false. */
    private Map<String, Object> auditCaughtUp(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Map<String, Object> audit = audit(id);
            if (Boolean.TRUE.equals(audit.get("caught_up")) || System.nanoTime() > deadline) {
                return audit;
            }
            History.sleep(100);
        }
    }

    @Test
    void after_a_sequence_with_a_delete_and_a_re_creation_the_audit_agrees_with_the_stock() {
        String id = stockAdmin.deletedAndCreatedAgain();

        List<Map<String, Object>> log = History.await(id, 5);

        Map<String, Object> audit = auditCaughtUp(id);

        assertThat(audit).containsEntry("agrees", true).containsEntry("caught_up", true).containsEntry("entries", 5L);
        assertThat(audit.get("first_divergence")).isNull();
        assertThat(audit.get("replayed")).isEqualTo(Map.of("total", 3L, "available", 2L, "allocated", 1L));
        assertThat(audit.get("current")).isEqualTo(audit.get("replayed"));
        assertThat(((Map<?, ?>) audit.get("newest_entry")).get("id")).isEqualTo(log.get(0).get("id"));
        assertThat(audit.get("last_change")).isEqualTo(audit.get("newest_entry"));
    }

    @Test
    void a_deleted_product_audits_to_nothing_with_no_current_stock() {
        String id = stockAdmin.create(6);
        stockAdmin.move(id, "allocate", 2);
        stockAdmin.move(id, "deallocate", 2);
        assertThat(admin.delete("/v2/inventories/" + id).status()).isEqualTo(204);
        History.await(id, 4);

        Map<String, Object> audit = auditCaughtUp(id);

        assertThat(audit).containsEntry("agrees", true).containsEntry("caught_up", true).containsEntry("entries", 4L);
        assertThat(audit).containsKey("current");
        assertThat(audit.get("current")).isNull();
        assertThat(audit.get("replayed")).isEqualTo(Map.of("total", 0L, "available", 0L, "allocated", 0L));
        assertThat(((Map<?, ?>) audit.get("last_change")).get("action")).isEqualTo("delete");
    }

    @Test
    void a_log_that_lost_an_entry_disagrees_and_the_audit_names_the_entry_after_the_gap() {
        String id = stockAdmin.create(10);
        String lost = (String) stockAdmin.move(id, "allocate", 3).data().get("id");
        String after = (String) stockAdmin.move(id, "decrement", 2).data().get("id");
        History.await(id, 3);

        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            dynamoDb.deleteItem(d -> d.tableName(historyTable()).key(Map.of(
                    "product_id", AttributeValue.fromS(id), "txn_id", AttributeValue.fromS(lost))));
        }

        Map<String, Object> audit = audit(id);

        assertThat(audit).containsEntry("agrees", false).containsEntry("caught_up", true).containsEntry("entries", 2L);
        assertThat(audit.get("replayed")).isEqualTo(Map.of("total", 8L, "available", 8L, "allocated", 0L));
        assertThat(audit.get("current")).isEqualTo(Map.of("total", 8L, "available", 5L, "allocated", 3L));
        Map<?, ?> divergence = (Map<?, ?>) audit.get("first_divergence");
        assertThat(divergence.get("id")).isEqualTo(after);
        assertThat(divergence.get("action")).isEqualTo("decrement");
        assertThat(divergence.get("expected_before")).isEqualTo(Map.of("total", 10L, "available", 10L, "allocated", 0L));
        assertThat(divergence.get("recorded_before")).isEqualTo(Map.of("total", 10L, "available", 7L, "allocated", 3L));
    }

    @Test
    void a_forged_entry_written_straight_into_the_history_table_is_caught() {
        String id = stockAdmin.create(10);
        String forged = (String) stockAdmin.move(id, "decrement", 2).data().get("id");
        stockAdmin.move(id, "increment", 1);
        History.await(id, 3);

        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            Map<String, AttributeValue> key = Map.of("product_id", AttributeValue.fromS(id), "txn_id", AttributeValue.fromS(forged));
            Map<String, AttributeValue> item = new HashMap<>(dynamoDb.getItem(g -> g.tableName(historyTable()).key(key)).item());
            item.put("quantity", AttributeValue.fromN("5"));
            dynamoDb.putItem(p -> p.tableName(historyTable()).item(item));
        }

        Map<String, Object> audit = audit(id);

        assertThat(audit).containsEntry("agrees", false).containsEntry("caught_up", true);
        assertThat(audit.get("replayed")).as("what the log now adds up to").isEqualTo(Map.of("total", 6L, "available", 6L, "allocated", 0L));
        Map<?, ?> divergence = (Map<?, ?>) audit.get("first_divergence");
        assertThat(divergence.get("id")).isEqualTo(forged);
        assertThat(divergence.get("recorded_before")).isEqualTo(divergence.get("expected_before"));
        assertThat(divergence.get("expected_after")).isEqualTo(Map.of("total", 5L, "available", 5L, "allocated", 0L));
        assertThat(divergence.get("recorded_after")).isEqualTo(Map.of("total", 8L, "available", 8L, "allocated", 0L));
    }

    @Test
    void the_audit_of_an_unknown_product_is_404_and_needs_the_read_scope() {
        assertThat(admin.get("/v2/inventories/" + Api.uniqueId("missing") + "/audit").status()).isEqualTo(404);
        String id = stockAdmin.create(1);
        assertThat(Api.as(Api.token(adminSubject, "inventory:read")).get("/v2/inventories/" + id + "/audit").status()).isEqualTo(200);
        assertThat(Api.as(Api.token(adminSubject, "inventory:write")).get("/v2/inventories/" + id + "/audit").status()).isEqualTo(403);
        assertThat(admin.get("/v2/inventories/bad%20id/audit").status()).isEqualTo(400);
    }

    private static String historyTable() {
        return Stack.get().tables().get("StockHistoryTable");
    }
}
