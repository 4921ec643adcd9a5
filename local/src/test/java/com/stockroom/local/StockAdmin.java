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

    /** Create 7, decrement 2, delete, create 3 again, allocate 1: stock 3/2/1 behind a log of five entries. */
    String deletedAndCreatedAgain() {
        String id = create(7);
        move(id, "decrement", 2);
        assertThat(client.delete("/v2/inventories/" + id).status()).isEqualTo(204);
        assertThat(client.post("/v2/inventories/" + id, quantity(3)).status()).as("created again").isEqualTo(201);
        move(id, "allocate", 1);
        return id;
    }
}
