package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** An admin of a subject of its own, creating and moving stock and checking each call landed. */
final class StockAdmin {

    private final String subject = Api.uniqueId("admin");
    private final Api.Client client = Api.as(Api.token(subject, "back-office", List.of("inventory:read", "inventory:write")));

    String subject() {
        return subject;
    }

    Api.Client client() {
        return client;
    }

    /** Stock for a fresh product: its id. */
    String create(long quantity) {
        String id = Api.uniqueId("p");
        assertThat(client.post("/v2/inventories/" + id, quantity(quantity)).status()).isEqualTo(201);
        return id;
    }

    static String quantity(long quantity) {
        return "{\"data\":{\"quantity\":" + quantity + "}}";
    }

    Api.Response move(String id, String action, long quantity) {
        Api.Response moved = client.post("/v2/inventories/" + id + "/transactions",
                "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"" + action + "\",\"quantity\":" + quantity + "}}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        return moved;
    }
}
