package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whoever pays first wins: never more can be paid for than is in stock. */
@ExtendWith(Stack.class)
class PaymentRaceIT {

    @Test
    void sixty_buyers_of_one_unit_paying_at_once_for_twenty_units_exactly_twenty_win() throws Exception {
        String product = stock(20);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            orders.add(Shop.order(product, 1));
        }

        List<Api.Response> answers = ConcurrencyIT.concurrently(60, i -> Shop.pay(orders.get(i), "tok_visa"));

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(20);
        assertThat(answers).filteredOn(a -> a.status() == 400)
                .hasSize(40).allSatisfy(a -> assertThat(a.raw()).isEqualTo(Shop.INSUFFICIENT_TO_PAY));
        assertThat(levels(product)).containsExactly(20, 0, 20);

        List<String> winners = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (answers.get(i).status() == 202) {
                winners.add(orders.get(i));
            } else {
                assertThat(Shop.order(orders.get(i))).containsEntry("status", "incomplete").containsEntry("payment", "unpaid");
            }
        }
        for (String winner : winners) {
            Shop.awaitOrder(winner, Shop.is("complete", "paid"), Duration.ofSeconds(10));
        }
        assertThat(levels(product)).containsExactly(20, 0, 20);
        assertThat(History.await(product, 21)).hasSize(21);
    }
}
