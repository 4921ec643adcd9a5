package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two steps of one order at once: the order's own version decides who wins, and the loser reads
 * the order again and answers from what it finds, never from the stock the winner moved.
 */
@ExtendWith(Stack.class)
class StepRacesIT {

    private static final int ROUNDS = 12;

    @Test
    void two_payments_of_one_order_at_once_answer_one_202_and_one_409_and_allocate_once() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String product = stock(1);
            String order = Shop.order(product, 1);

            List<Api.Response> answers = ConcurrencyIT.concurrently(2, i -> Shop.pay(order, "tok_silent"));

            assertThat(answers).extracting(Api.Response::status).as("round " + round + ": " + answers).containsExactlyInAnyOrder(202, 409);
            assertThat(levels(product)).containsExactly(1, 0, 1);
        }
    }

    @Test
    void two_cancels_of_one_order_at_once_both_answer_200_and_release_once() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String product = stock(3);
            String order = Shop.order(product, 2);
            assertThat(Shop.pay(order, "tok_silent").status()).isEqualTo(202);

            List<Api.Response> answers = ConcurrencyIT.concurrently(2, i -> Shop.cancel(order));

            assertThat(answers).extracting(Api.Response::status).as("round " + round + ": " + answers).containsExactly(200, 200);
            assertThat(answers).allSatisfy(a -> assertThat(a.data()).containsEntry("status", "cancelled"));
            assertThat(levels(product)).containsExactly(3, 3, 0);
        }
    }

    @Test
    void a_cancel_racing_a_failed_result_ends_cancelled_with_the_stock_released_once() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String product = stock(3);
            String order = Shop.order(product, 2);
            String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
            String failed = Json.write(Json.object("Records", List.of(Json.object(
                    "messageId", "m-" + round, "receiptHandle", "rh", "body", PaymentResultsIT.result(order, paymentId, "failed"),
                    "attributes", Map.of("ApproximateReceiveCount", "1"), "messageAttributes", Map.of(), "md5OfBody", "0",
                    "eventSource", "aws:sqs", "eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:PaymentResults",
                    "awsRegion", "us-east-1"))));

            List<Object> answers = ConcurrencyIT.concurrently(2, i -> i == 0
                    ? Shop.cancel(order)
                    : Json.parse(Stack.get().invoke("PaymentResultsFunction", failed)));

            assertThat(((Api.Response) answers.get(0)).status()).as("round " + round + ": the cancel " + answers.get(0)).isEqualTo(200);
            assertThat((List<?>) ((Map<?, ?>) answers.get(1)).get("batchItemFailures")).as("the result is settled, not retried").isEmpty();
            assertThat(Shop.order(order)).containsEntry("status", "cancelled");
            assertThat(levels(product)).containsExactly(3, 3, 0);
        }
    }
}
