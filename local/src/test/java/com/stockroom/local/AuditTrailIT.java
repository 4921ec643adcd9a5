package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.BadInputIT.assertJsonApiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every change in the log says who made it (the token's subject and client), why and for what. */
@ExtendWith(Stack.class)
class AuditTrailIT {

    private final String adminSubject = Api.uniqueId("admin");
    private final Api.Client admin = Api.as(Api.token(adminSubject, "back-office", List.of("inventory:read", "inventory:write")));

    private String stock(long quantity, String body) {
        String id = Api.uniqueId("p");
        Api.Response created = admin.post("/v2/inventories/" + id, body.replace("QUANTITY", Long.toString(quantity)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private static String transaction(String action, long quantity, String extra) {
        return "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"" + action + "\",\"quantity\":" + quantity + extra + "}}";
    }

    @Test
    void a_stock_transaction_records_its_reason_reference_and_the_acting_subject_and_client() {
        String id = stock(10, "{\"data\":{\"quantity\":QUANTITY,\"reason\":\"opening count\",\"reference\":\"COUNT-1\"}}");
        Api.Response moved = admin.post("/v2/inventories/" + id + "/transactions",
                transaction("decrement", 2, ",\"reason\":\"damaged in transit: crate 7 dropped\",\"reference\":\"RMA-2026-118\""));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.data()).containsEntry("reason", "damaged in transit: crate 7 dropped").containsEntry("reference", "RMA-2026-118");
        Map<String, Object> actor = Map.of("subject", adminSubject, "client_id", "back-office");
        assertThat(moved.data().get("actor")).isEqualTo(actor);

        List<Map<String, Object>> log = History.await(id, 2);

        assertThat(log.get(0)).containsEntry("action", "decrement").containsEntry("reason", "damaged in transit: crate 7 dropped")
                .containsEntry("reference", "RMA-2026-118");
        assertThat(log.get(1)).containsEntry("action", "increment").containsEntry("reason", "opening count")
                .containsEntry("reference", "COUNT-1");
        assertThat(log).extracting(e -> e.get("actor")).containsOnly(actor);
        Map<String, Object> one = admin.get("/v2/inventories/" + id + "/transactions/" + log.get(0).get("id")).data();
        assertThat(one).containsEntry("reason", "damaged in transit: crate 7 dropped").containsEntry("actor", actor);
    }

    @Test
    void a_change_without_reason_or_reference_carries_none_from_the_change_before_it() {
        String id = stock(10, "{\"data\":{\"quantity\":QUANTITY}}");
        admin.post("/v2/inventories/" + id + "/transactions", transaction("allocate", 1, ",\"reason\":\"hold\",\"reference\":\"H-1\""));
        admin.post("/v2/inventories/" + id + "/transactions", transaction("deallocate", 1, ""));

        List<Map<String, Object>> log = History.await(id, 3);

        assertThat(log.get(0)).containsEntry("action", "deallocate").doesNotContainKeys("reason", "reference");
        assertThat(log.get(1)).containsEntry("reason", "hold");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            ",\"reason\":\"\"",
            ",\"reason\":\"line one\\nline two\"",
            ",\"reason\":12",
            ",\"reference\":\"\"",
            ",\"reference\":[\"PO-1\"]",
            ",\"reference\":\"tab\\tinside\""})
    void a_bad_reason_or_reference_is_400_and_changes_nothing(String extra) {
        String id = stock(10, "{\"data\":{\"quantity\":QUANTITY}}");

        assertJsonApiError(admin.post("/v2/inventories/" + id + "/transactions", transaction("allocate", 3, extra)), 400);
        assertThat(levels(id)).containsExactly(10, 10, 0);
    }

    @Test
    void a_reason_of_256_characters_is_kept_and_one_of_257_is_refused() {
        String id = stock(10, "{\"data\":{\"quantity\":QUANTITY}}");

        assertJsonApiError(admin.post("/v2/inventories/" + id + "/transactions",
                transaction("allocate", 1, ",\"reason\":\"" + "r".repeat(257) + "\"")), 400);
        assertJsonApiError(admin.post("/v2/inventories/" + id + "/transactions",
                transaction("allocate", 1, ",\"reference\":\"" + "r".repeat(129) + "\"")), 400);
        assertThat(admin.post("/v2/inventories/" + id + "/transactions",
                transaction("allocate", 1, ",\"reason\":\"" + "r".repeat(256) + "\",\"reference\":\"" + "f".repeat(128) + "\"")).status())
                .isEqualTo(200);
        assertThat(levels(id)).containsExactly(10, 9, 1);
    }

    @Test
    void order_driven_changes_record_the_order_and_the_subject_that_paid_shipped_or_cancelled() {
        String product = stock(10, "{\"data\":{\"quantity\":QUANTITY}}");
        String shopperSubject = Api.uniqueId("ann");
        Api.Client shopper = Api.as(Api.token(shopperSubject, "storefront-web", List.of("carts", "orders")));
        String staffSubject = Api.uniqueId("picker");
        Api.Client staff = Api.as(Api.token(staffSubject, "fulfilment-app", List.of("orders:write")));
        String cart = Api.uniqueId("cart");
        shopper.post("/v2/carts/" + cart + "/items", "{\"data\":{\"type\":\"cart_item\",\"id\":\"" + product + "\",\"quantity\":2}}");
        String checkout = "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},"
                + "\"shipping_address\":{\"city\":\"Oslo\"},\"billing_address\":{\"city\":\"Oslo\"}}}";
        String shipped = (String) shopper.post("/v2/carts/" + cart + "/checkout", checkout).data().get("id");
        String payment = (String) shopper.post("/v2/orders/" + shipped + "/payments",
                "{\"data\":{\"gateway\":\"manual\",\"payment\":\"tok_visa\"}}").data().get("payment_id");
        Shop.awaitOrder(shipped, Shop.is("complete", "paid"), Duration.ofSeconds(10));
        staff.method("PUT", "/v2/orders/" + shipped, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}");
        String cancelled = (String) shopper.post("/v2/carts/" + cart + "/checkout", checkout).data().get("id");
        shopper.post("/v2/orders/" + cancelled + "/payments", "{\"data\":{\"gateway\":\"manual\",\"payment\":\"tok_silent\"}}");
        staff.method("PUT", "/v2/orders/" + cancelled, "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}");

        List<Map<String, Object>> log = History.await(product, 5);

        assertThat(log).extracting(e -> e.get("action")).containsExactly("deallocate", "allocate", "decrement", "allocate", "increment");
        assertThat(log.get(3)).containsEntry("order_id", shipped).containsEntry("reason", "payment " + payment + " started")
                .containsEntry("actor", Map.of("subject", shopperSubject, "client_id", "storefront-web"));
        assertThat(log.get(2)).containsEntry("order_id", shipped).containsEntry("reason", "order shipped")
                .containsEntry("actor", Map.of("subject", staffSubject, "client_id", "fulfilment-app"));
        assertThat(log.get(1)).containsEntry("order_id", cancelled)
                .containsEntry("actor", Map.of("subject", shopperSubject, "client_id", "storefront-web"));
        assertThat(log.get(0)).containsEntry("order_id", cancelled).containsEntry("reason", "order cancelled")
                .containsEntry("actor", Map.of("subject", staffSubject, "client_id", "fulfilment-app"));
    }
}
