package com.stockroom.order.application;

import com.stockroom.common.Metric;
import com.stockroom.common.Telemetry;
import com.stockroom.order.model.Cart;
import com.stockroom.order.model.Carts;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.Orders;
import com.stockroom.stock.application.TransactionIds;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Checking out: the final check of every line against available stock and the unpaid order's
 * creation, in one transaction with a check that the cart is still the version read and still
 * the caller's, so the check, the cart and the order cannot drift apart. No stock moves.
 */
public final class CheckingOut {

    private static final int ATTEMPTS = 5;

    private final Carts carts;
    private final Orders orders;
    private final TransactionIds ids;
    private final Clock clock;

    @Inject
    public CheckingOut(Carts carts, Orders orders, TransactionIds ids, Clock clock) {
        this.carts = carts;
        this.orders = orders;
        this.ids = ids;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Placed(Order order) implements Outcome {
        }

        record CartEmpty() implements Outcome {
        }

        record InsufficientStock() implements Outcome {
        }

        /** The cart is someone else's: to this caller it does not exist. */
        record NoSuchCart() implements Outcome {
        }

        /** The cart kept changing under every attempt. */
        record Busy() implements Outcome {
        }
    }

    public Outcome checkOut(CheckOut command) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Cart> cart = carts.find(command.cartRef());
            if (cart.isPresent() && !cart.get().belongsTo(command.subject())) {
                return new Outcome.NoSuchCart();
            }
            if (cart.isEmpty() || cart.get().lines().isEmpty()) {
                return new Outcome.CartEmpty();
            }
            Order order = Order.placed(new OrderId(ids.next().value()), cart.get(), command.customer(),
                    command.shippingAddress(), command.billingAddress(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            Orders.WriteOutcome written = orders.place(order, cart.get());
            if (written instanceof Orders.WriteOutcome.Written placed) {
                Telemetry.orderId(placed.order().id().value());
                return new Outcome.Placed(placed.order());
            }
            if (written instanceof Orders.WriteOutcome.StockShort) {
                Telemetry.count(Metric.REFUSALS);
                return new Outcome.InsufficientStock();
            }
        }
        return new Outcome.Busy();
    }
}
