package com.stockroom.local;

import static com.stockroom.local.Api.get;
import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.move;
import static com.stockroom.local.Api.number;
import static com.stockroom.local.Api.post;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Inventory contract of DESIGN.md, row by row, over HTTP through the local gateway. */
@ExtendWith(Stack.class)
class InventoryApiIT {

    @Test
    void creating_stock_answers_201_with_all_of_it_available() {
        String id = Api.uniqueId("p");
        Api.Response created = post("/v2/inventories/" + id, "{\"data\":{\"quantity\":10}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data()).containsEntry("id", id).containsEntry("type", "stock")
                .containsEntry("total", 10L).containsEntry("available", 10L).containsEntry("allocated", 0L);
        assertThat(levels(id)).containsExactly(10, 10, 0);
    }

    @Test
    void creating_stock_that_exists_answers_409_and_changes_nothing() {
        String id = stock(10);
        move(id, "allocate", 4);
        Api.Response again = post("/v2/inventories/" + id, "{\"data\":{\"quantity\":99}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.firstError()).containsEntry("status", 409L).containsKeys("title", "detail");
        assertThat(levels(id)).containsExactly(10, 6, 4);
    }

    @Test
    void getting_stock_answers_its_numbers_and_unknown_stock_answers_404() {
        String id = stock(7);
        assertThat(get("/v2/inventories/" + id).data()).containsEntry("total", 7L);
        Api.Response missing = get("/v2/inventories/" + Api.uniqueId("missing"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.firstError()).containsEntry("status", 404L);
    }

    @Test
    void listing_pages_through_all_stock_with_an_opaque_cursor_and_no_repeats() {
        Set<String> created = new HashSet<>();
        IntStream.range(0, 5).forEach(i -> created.add(stock(i + 1)));
        List<String> seen = new ArrayList<>();
        String next = "/v2/inventories?page[limit]=2";
        int pages = 0;
        while (next != null) {
            Api.Response page = get(next.replace("[", "%5B").replace("]", "%5D"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.dataList()).hasSizeLessThanOrEqualTo(2);
            page.dataList().forEach(s -> seen.add((String) s.get("id")));
            next = (String) page.links().get("next");
            assertThat(++pages).isLessThan(10_000);
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
    }

    @Test
    void listing_refuses_a_bad_limit_or_a_forged_cursor() {
        assertThat(get("/v2/inventories?page%5Blimit%5D=0").status()).isEqualTo(400);
        assertThat(get("/v2/inventories?page%5Blimit%5D=101").status()).isEqualTo(400);
        assertThat(get("/v2/inventories?page%5Blimit%5D=ten").status()).isEqualTo(400);
        assertThat(get("/v2/inventories?page%5Bcursor%5D=%24%24%24").status()).isEqualTo(400);
        assertThat(get("/v2/inventories?page%5Bcursor%5D=bm90IGFuIGlkIQ").status()).isEqualTo(400);
    }

    @Test
    void multiple_answers_the_stock_of_each_known_product_in_the_order_asked() {
        String a = stock(1);
        String b = stock(2);
        Api.Response found = post("/v2/inventories/multiple",
                "{\"data\":[{\"id\":\"" + b + "\"},{\"id\":\"" + Api.uniqueId("missing") + "\"},{\"id\":\"" + a + "\"},{\"id\":\"" + b + "\"}]}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.dataList()).extracting(s -> s.get("id")).containsExactly(b, a);
        assertThat(found.dataList()).extracting(s -> s.get("total")).containsExactly(2L, 1L);
    }

    @Test
    void multiple_refuses_an_empty_an_oversized_or_a_malformed_list() {
        assertThat(post("/v2/inventories/multiple", "{\"data\":[]}").status()).isEqualTo(400);
        String many = IntStream.range(0, 101).mapToObj(i -> "{\"id\":\"p" + i + "\"}").reduce((x, y) -> x + "," + y).orElseThrow();
        assertThat(post("/v2/inventories/multiple", "{\"data\":[" + many + "]}").status()).isEqualTo(400);
        assertThat(post("/v2/inventories/multiple", "{\"data\":[{\"id\":\"bad id\"}]}").status()).isEqualTo(400);
        assertThat(post("/v2/inventories/multiple", "{\"data\":[{\"id\":5}]}").status()).isEqualTo(400);
        assertThat(post("/v2/inventories/multiple", "{\"data\":{\"id\":\"p1\"}}").status()).isEqualTo(400);
        assertThat(post("/v2/inventories/multiple", "{\"data\":[\"p1\"]}").status()).isEqualTo(400);
    }

    @Test
    void deleting_stock_answers_204_and_it_is_gone() {
        String id = stock(5);
        assertThat(Api.delete("/v2/inventories/" + id).status()).isEqualTo(204);
        assertThat(get("/v2/inventories/" + id).status()).isEqualTo(404);
        assertThat(Api.delete("/v2/inventories/" + id).status()).isEqualTo(404);
    }

    @Test
    void deleting_stock_while_anything_is_allocated_answers_409_and_changes_nothing() {
        String id = stock(5);
        move(id, "allocate", 1);
        Api.Response refused = Api.delete("/v2/inventories/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.firstError()).containsEntry("status", 409L);
        assertThat(levels(id)).containsExactly(5, 4, 1);
        move(id, "deallocate", 1);
        assertThat(Api.delete("/v2/inventories/" + id).status()).isEqualTo(204);
    }

    @ParameterizedTest(name = "{0} {1} from 10/7/3 gives {2}/{3}/{4}")
    @CsvSource({
        "increment, 5, 15, 12, 3",
        "decrement, 7, 3, 0, 3",
        "allocate, 7, 10, 0, 10",
        "deallocate, 3, 10, 10, 0",
    })
    void each_stock_transaction_moves_the_numbers_it_names(String action, long quantity, long total, long available, long allocated) {
        String id = stock(10);
        move(id, "allocate", 3);
        Api.Response moved = move(id, action, quantity);
        assertThat(moved.status()).isEqualTo(200);
        Map<String, Object> txn = moved.data();
        assertThat(txn).containsEntry("type", "stock-transaction").containsEntry("product_id", id)
                .containsEntry("action", action).containsEntry("quantity", quantity);
        assertThat((String) txn.get("id")).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(txn.get("timestamps")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("created_at");
        assertThat(levels(id)).containsExactly(total, available, allocated);
    }

    @ParameterizedTest(name = "{0} {1} from 10/7/3 is refused")
    @CsvSource({
        "decrement, 8",
        "allocate, 8",
        "deallocate, 4",
        "decrement, 1000000000",
    })
    void a_move_that_would_take_a_number_below_zero_answers_422_and_changes_nothing(String action, long quantity) {
        String id = stock(10);
        move(id, "allocate", 3);
        Api.Response refused = move(id, action, quantity);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.firstError()).containsEntry("status", 422L).containsKeys("title", "detail");
        assertThat(levels(id)).containsExactly(10, 7, 3);
    }

    @Test
    void moving_unknown_stock_answers_404_and_creates_nothing() {
        String id = Api.uniqueId("missing");
        Api.Response refused = move(id, "increment", 5);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(get("/v2/inventories/" + id).status()).isEqualTo(404);
    }

    @Test
    void an_unknown_route_answers_a_json_api_404() {
        Api.Response missing = get("/v2/nowhere");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.firstError()).containsEntry("status", 404L);
        assertThat(Api.method("PATCH", "/v2/inventories/p1", "{}").status()).isEqualTo(404);
    }

    @Test
    void the_index_lists_every_route() {
        Api.Response index = get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.data().get("routes")).asList().contains(
                "POST /v2/inventories/{product_id}", "GET /v2/inventories", "POST /v2/inventories/multiple",
                "GET /v2/inventories/{product_id}/transactions/{transaction_id}");
    }

    static long total(Api.Response stock) {
        return number(stock.data().get("total"));
    }
}
