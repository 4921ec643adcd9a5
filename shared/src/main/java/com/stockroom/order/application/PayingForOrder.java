package com.stockroom.order.application;

import com.stockroom.common.Metric;
import com.stockroom.common.Telemetry;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.PaymentRequests;
import com.stockroom.stock.application.TransactionIds;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Paying for an order: every line is allocated and the order moves to processing with a
 * fresh payment id and a deadline, in one transaction; then the payment request goes to the
 * gateway. If the request surely was not sent, the allocation is released at once; if it is
 * unknown whether it left (a timeout, a lost answer), the order stays processing so a charge the
 * gateway did make is not lost, and the deadline releases it if no result comes; likewise if
 * this process dies before sending.
 */
public final class PayingForOrder {

    private final OrderSteps steps;
    private final PaymentRequests paymentRequests;
    private final TransactionIds ids;
    private final PaymentTimeout timeout;
    private final Clock clock;

    @Inject
    public PayingForOrder(OrderSteps steps, PaymentRequests paymentRequests, TransactionIds ids, PaymentTimeout timeout, Clock clock) {
        this.steps = steps;
        this.paymentRequests = paymentRequests;
        this.ids = ids;
        this.timeout = timeout;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Processing(Order order) implements Outcome {
        }

        record InsufficientStock() implements Outcome {
        }

        /** Processing, paid or cancelled. */
        record NotPayable(Order order) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        /** The order kept changing under every attempt. */
        record Busy() implements Outcome {
        }

        /** The gateway could not be reached; nothing stays allocated. */
        record GatewayUnavailable() implements Outcome {
        }
    }

    public Outcome pay(PayForOrder command) {
        String paymentId = ids.next().value();
        Instant deadline = clock.instant().plus(timeout.value());
        OrderAccess payer = OrderAccess.ownOrders(command.payer());
        OrderSteps.Outcome started = steps.take(command.orderId(), payer, "payment " + paymentId + " started",
                (order, now) -> order.startPayment(paymentId, deadline, now));
        if (started instanceof OrderSteps.Outcome.Stepped stepped) {
            Telemetry.paymentId(paymentId);
            try {
                paymentRequests.send(command.orderId(), paymentId, command.token());
            } catch (PaymentRequests.NotSent notSent) {
                Telemetry.warn("Payment request for order " + command.orderId() + " not sent, releasing: " + notSent.getMessage());
                steps.take(command.orderId(), payer, "payment " + paymentId + " not sent",
                        (order, now) -> order.paymentFailed(paymentId, now));
                return new Outcome.GatewayUnavailable();
            } catch (RuntimeException unknown) {
                Telemetry.warn("Payment request for order " + command.orderId() + " may not have been sent;"
                        + " it stays processing until a result or its deadline: " + unknown);
            }
            return new Outcome.Processing(stepped.after());
        }
        if (started instanceof OrderSteps.Outcome.StockShort) {
            Telemetry.count(Metric.REFUSALS);
            return new Outcome.InsufficientStock();
        }
        if (started instanceof OrderSteps.Outcome.NotAllowed notAllowed) {
            return new Outcome.NotPayable(notAllowed.order());
        }
        if (started instanceof OrderSteps.Outcome.NotFound) {
            return new Outcome.NotFound();
        }
        return new Outcome.Busy();
    }
}
