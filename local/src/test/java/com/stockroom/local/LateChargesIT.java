package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.PaymentResultsIT.awaitResultsDrained;
import static com.stockroom.local.PaymentResultsIT.sendResult;
import static com.stockroom.local.Shop.awaitOrder;
import static com.stockroom.local.Shop.is;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A charge is never lost: a success that arrives after its attempt stopped being awaited is kept
 * when the order can still be paid by it, and otherwise refunded, exactly once however often it
 * is delivered.
 */
@ExtendWith(Stack.class)
class LateChargesIT {

    private static final Duration PAST_DEADLINE = Duration.ofSeconds(Stack.PAYMENT_TIMEOUT_SECONDS + 8);

    static void awaitRefunded(String paymentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Stack.get().refundedPayments().contains(paymentId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway was never asked to refund " + paymentId);
            }
            History.sleep(100);
        }
    }

    @Test
    void a_success_after_the_timeout_whose_stock_was_sold_meanwhile_is_refunded_once_however_often_delivered() {
        String product = stock(2);
        String late = Shop.order(product, 2);
        String paymentId = (String) Shop.pay(late, "tok_silent").data().get("payment_id");
        awaitOrder(late, is("incomplete", "unpaid"), PAST_DEADLINE);
        String other = Shop.order(product, 2);
        assertThat(Shop.pay(other, "tok_visa").status()).isEqualTo(202);
        awaitOrder(other, is("complete", "paid"), Duration.ofSeconds(10));

        sendResult(late, paymentId, "succeeded");
        sendResult(late, paymentId, "succeeded");
        awaitResultsDrained();
        sendResult(late, paymentId, "succeeded");
        awaitResultsDrained();

        awaitRefunded(paymentId);
        Map<String, Object> order = Shop.order(late);
        assertThat(order).containsEntry("status", "incomplete").containsEntry("payment", "refunded")
                .containsEntry("refunded_payment_ids", List.of(paymentId));
        assertThat(levels(product)).as("nothing oversold").containsExactly(2, 0, 2);
        assertThat(Shop.pay(late, "tok_visa").status()).as("the order can still be paid, when there is stock").isEqualTo(400);
    }

    @Test
    void a_success_after_the_order_was_cancelled_is_refunded_and_the_order_stays_cancelled() {
        String product = stock(3);
        String order = Shop.order(product, 1);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        assertThat(Shop.cancel(order).status()).isEqualTo(200);

        sendResult(order, paymentId, "succeeded");
        awaitResultsDrained();

        awaitRefunded(paymentId);
        assertThat(Shop.order(order)).containsEntry("status", "cancelled").containsEntry("payment", "refunded");
        assertThat(levels(product)).containsExactly(3, 3, 0);
    }

    @Test
    void a_success_after_the_timeout_with_stock_still_there_allocates_again_and_pays_the_order() {
        String product = stock(5);
        String order = Shop.order(product, 2);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        awaitOrder(order, is("incomplete", "unpaid"), PAST_DEADLINE);

        sendResult(order, paymentId, "succeeded");
        awaitOrder(order, is("complete", "paid"), Duration.ofSeconds(10));
        sendResult(order, paymentId, "succeeded");
        awaitResultsDrained();

        assertThat(levels(product)).containsExactly(5, 3, 2);
        assertThat(Shop.order(order)).doesNotContainKey("refunded_payment_ids");
        assertThat(Stack.get().refundedPayments()).doesNotContain(paymentId);
        List<Map<String, Object>> log = History.await(product, 4);
        assertThat(log.get(0)).containsEntry("action", "allocate").containsEntry("order_id", order)
                .containsEntry("reason", "payment " + paymentId + " succeeded late");
    }

    @Test
    void a_success_for_a_payment_the_order_never_asked_for_changes_nothing() {
        String product = stock(5);
        String order = Shop.order(product, 1);

        sendResult(order, "01ARZ3NDEKTSV4RRFFQ69G5FAV", "succeeded");
        awaitResultsDrained();

        assertThat(Shop.order(order)).containsEntry("status", "incomplete").containsEntry("payment", "unpaid");
        assertThat(levels(product)).containsExactly(5, 5, 0);
        assertThat(Stack.get().refundedPayments()).doesNotContain("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    }
}
