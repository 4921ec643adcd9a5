package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static com.stockroom.local.Shop.awaitOrder;
import static com.stockroom.local.Shop.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockroom.common.Actor;
import com.stockroom.order.application.PayForOrder;
import com.stockroom.order.application.PayingForOrder;
import com.stockroom.order.infrastructure.OrderModule;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.PaymentRequests;
import com.stockroom.platform.AwsModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A payment with no result by its deadline is failed and its stock released, even if the payer died midway. */
@ExtendWith(Stack.class)
class PaymentTimeoutIT {

    private static final Duration PAST_DEADLINE = Duration.ofSeconds(Stack.PAYMENT_TIMEOUT_SECONDS + 8);

    @Test
    void a_payment_that_never_gets_a_result_is_failed_after_the_timeout_and_a_late_success_then_pays_the_order_from_stock() {
        String product = stock(4);
        String order = Shop.order(product, 3);
        String paymentId = (String) Shop.pay(order, "tok_silent").data().get("payment_id");
        assertThat(levels(product)).containsExactly(4, 1, 3);

        awaitOrder(order, is("incomplete", "unpaid"), PAST_DEADLINE);
        assertThat(levels(product)).containsExactly(4, 4, 0);

        // The customer paid after all: the order keeps the money and takes its stock again.
        PaymentResultsIT.sendResult(order, paymentId, "succeeded");
        awaitOrder(order, is("complete", "paid"), Duration.ofSeconds(10));
        assertThat(levels(product)).containsExactly(4, 1, 3);
    }

    /** Stands for the paying function dying after its transaction and before the payment request left. */
    static final class Crash extends Error {
        Crash() {
            super("the function died before sending the payment request");
        }
    }

    /** A payment-requests port that fails as the test says: with a crash, a refusal, or an unknown outcome. */
    @Module
    interface FailingToSend {
        @Provides
        static PaymentRequests requests(Throwable failure) {
            return new PaymentRequests() {
                @Override
                public void send(OrderId orderId, String paymentId, String token) {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure;
                }

                @Override
                public void refund(OrderId orderId, String paymentId) {
                    throw new AssertionError("paying never refunds");
                }
            };
        }
    }

    @Singleton
    @Component(modules = {AwsModule.class, StockModule.class, OrderModule.class, FailingToSend.class})
    interface PayingThenFailing {
        PayingForOrder paying();

        @Component.Factory
        interface Factory {
            PayingThenFailing create(@BindsInstance Settings settings, @BindsInstance Throwable failure);
        }
    }

    /** The subject the tests' default token speaks for, who checked the orders out. */
    private static final Actor BUYER = new Actor(Api.TEST_SUBJECT, Optional.empty());

    private static PayingForOrder payingThatFails(Throwable failure) {
        return DaggerPaymentTimeoutIT_PayingThenFailing.factory()
                .create(new Settings(PaymentResultsIT.functionEnvironment()), failure).paying();
    }

    @Test
    void a_request_the_queue_refused_releases_the_stock_at_once() {
        String product = stock(4);
        String order = Shop.order(product, 2);
        PayingForOrder.Outcome outcome = payingThatFails(new PaymentRequests.NotSent("refused", null))
                .pay(new PayForOrder(new OrderId(order), BUYER, "tok_visa"));
        assertThat(outcome).isInstanceOf(PayingForOrder.Outcome.GatewayUnavailable.class);
        assertThat(Shop.order(order)).containsEntry("status", "incomplete").containsEntry("payment", "unpaid");
        assertThat(levels(product)).containsExactly(4, 4, 0);
    }

    @Test
    void a_request_that_may_have_left_keeps_the_order_processing_until_its_deadline() {
        String product = stock(4);
        String order = Shop.order(product, 2);
        PayingForOrder.Outcome outcome = payingThatFails(new IllegalStateException("the answer was lost"))
                .pay(new PayForOrder(new OrderId(order), BUYER, "tok_visa"));
        assertThat(outcome).isInstanceOf(PayingForOrder.Outcome.Processing.class);
        assertThat(levels(product)).containsExactly(4, 2, 2);
        awaitOrder(order, is("incomplete", "unpaid"), PAST_DEADLINE);
        assertThat(levels(product)).containsExactly(4, 4, 0);
    }

    @Test
    void stock_allocated_by_a_payer_that_died_before_sending_the_request_is_released_by_the_timeout() {
        String product = stock(4);
        String order = Shop.order(product, 2);
        PayingForOrder paying = payingThatFails(new Crash());

        assertThatThrownBy(() -> paying.pay(new PayForOrder(new OrderId(order), BUYER, "tok_visa"))).isInstanceOf(Crash.class);
        assertThat(Shop.order(order)).containsEntry("status", "processing");
        assertThat(levels(product)).containsExactly(4, 2, 2);

        awaitOrder(order, is("incomplete", "unpaid"), PAST_DEADLINE);
        assertThat(levels(product)).containsExactly(4, 4, 0);
        assertThat(Shop.pay(order, "tok_visa").status()).isEqualTo(202);
        awaitOrder(order, is("complete", "paid"), Duration.ofSeconds(5));
    }
}
