package com.stockroom.local;

import static com.stockroom.local.Api.get;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.Shop.awaitOrder;
import static com.stockroom.local.Shop.is;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v2/orders?filter=eq(status,processing)}: the orders awaiting their payment's result,
 * any customer's, paged from the payment-deadline index; other filters are refused with a 400.
 */
@ExtendWith(Stack.class)
class OrdersAwaitingPaymentIT {

    private static final String AWAITING = "/v2/orders?filter=eq(status,processing)";

    @Test
    void the_listing_pages_through_every_order_awaiting_payment_once_and_leaves_out_settled_ones() {
        String product = stock(10);
        String settled = Shop.order(product, 1);
        Shop.pay(settled, "tok_ok");
        awaitOrder(settled, is("complete", "paid"), Duration.ofSeconds(10));
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String order = Shop.order(product, 1);
            assertThat(Shop.pay(order, "tok_silent").status()).isEqualTo(202);
            waiting.add(order);
        }

        List<String> seen = new ArrayList<>();
        String next = AWAITING + "&page[limit]=1";
        int pages = 0;
        while (next != null) {
            Api.Response page = get(encoded(next));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.dataList()).hasSizeLessThanOrEqualTo(1);
            page.dataList().forEach(order -> {
                assertThat(order).containsEntry("status", "processing").containsEntry("payment", "unpaid");
                seen.add((String) order.get("id"));
            });
            next = (String) page.links().get("next");
            assertThat(++pages).isLessThan(1_000);
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(waiting).doesNotContain(settled);
    }

    @Test
    void a_page_shows_the_order_as_reading_it_does() {
        String product = stock(2);
        String order = Shop.order(product, 2);
        Shop.pay(order, "tok_silent");
        Map<String, Object> listed = null;
        String next = AWAITING + "&page[limit]=100";
        while (listed == null && next != null) {
            Api.Response page = get(encoded(next));
            listed = page.dataList().stream().filter(o -> o.get("id").equals(order)).findFirst().orElse(null);
            next = (String) page.links().get("next");
        }
        assertThat(listed).as("order %s in the listing", order).isNotNull();
        assertThat(listed.get("items")).isEqualTo(List.of(Map.of("product_id", product, "quantity", 2L)));
        assertThat(listed.get("payment_id")).isNotNull();
    }

    @Test
    void a_missing_or_unsupported_filter_or_a_forged_cursor_is_a_400() {
        for (String path : List.of("/v2/orders", "/v2/orders?filter=eq(status,complete)", "/v2/orders?filter=eq(payment,unpaid)",
                "/v2/orders?filter=processing", AWAITING + "&page[limit]=0", AWAITING + "&page[limit]=101",
                AWAITING + "&page[cursor]=bm90LWEtY3Vyc29y", AWAITING + "&page[cursor]=OS4xLnAx", AWAITING + "&page[cursor]=a%2Bb")) {
            Api.Response answer = get(encoded(path));
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(400);
            assertThat(answer.firstError()).containsEntry("status", 400L);
        }
    }

    @Test
    void only_a_caller_who_may_reach_any_order_can_list_them() {
        String shopper = Api.token(Api.uniqueId("shopper"), "orders", "carts");
        assertThat(Api.as(shopper).get(encoded(AWAITING)).status()).isEqualTo(403);
        assertThat(Api.withoutToken().get(encoded(AWAITING)).status()).isEqualTo(401);
        String fulfilment = Api.token(Api.uniqueId("fulfilment"), "orders:write");
        assertThat(Api.as(fulfilment).get(encoded(AWAITING)).status()).isEqualTo(200);
    }

    private static String encoded(String path) {
        return path.replace("[", "%5B").replace("]", "%5D").replace("(", "%28").replace(")", "%29").replace(",", "%2C");
    }
}
