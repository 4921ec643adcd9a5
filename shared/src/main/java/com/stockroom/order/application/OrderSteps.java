package com.stockroom.order.application;

import com.stockroom.common.Metric;
import com.stockroom.common.Telemetry;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.OrderLine;
import com.stockroom.order.model.Orders;
import com.stockroom.stock.application.TransactionIds;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Takes one step of an order's life: reads the order, asks the order what the step makes of
 * it, and writes the step with its stock moves in one transaction conditional on the version
 * read. If the order changed in between, it reads again and retries; the database decides.
 */
public final class OrderSteps {

    static final int ATTEMPTS = 5;

    private final Orders orders;
    private final TransactionIds transactionIds;
    private final Clock clock;

    @Inject
    public OrderSteps(Orders orders, TransactionIds transactionIds, Clock clock) {
        this.orders = orders;
        this.transactionIds = transactionIds;
        this.clock = clock;
    }

    /** What became of a step. */
    public sealed interface Outcome {
        /** Taken (or already taken: then {@code before} and {@code after} are the same order). */
        record Stepped(Order before, Order after) implements Outcome {
        }

        record NotAllowed(Order order) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        record StockShort(Order order) implements Outcome {
        }

        /** The order kept changing under every attempt. */
        record Busy() implements Outcome {
        }
    }

    /**
     * Takes {@code step} of the order on {@code access}'s account; an order that access cannot
     * see is not found. Stock the step moves is logged with the actor and {@code reason}.
     */
    public Outcome take(OrderId id, OrderAccess access, String reason, BiFunction<Order, Instant, Optional<Order.Step>> step) {
        Telemetry.orderId(id.value());
        Optional<Order.Step> attempted = Optional.empty();
        Order attemptedFrom = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Order> found = orders.find(id).filter(access::canSee);
            if (found.isEmpty()) {
                return new Outcome.NotFound();
            }
            Order from = found.get();
            if (attempted.isPresent() && from.equals(attempted.get().next())) {
                // The last attempt landed though its answer said otherwise (lost, then retried): it is done.
                return new Outcome.Stepped(attemptedFrom, from);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Optional<Order.Step> taken = step.apply(from, now);
            if (taken.isEmpty()) {
                return new Outcome.NotAllowed(from);
            }
            Order to = taken.get().next();
            if (to.equals(from)) {
                return new Outcome.Stepped(from, from);
            }
            Attribution attribution = Attribution.by(access.actor()).because(reason);
            List<StockTransaction> moves = taken.get().stockAction()
                    .map(action -> from.lines().stream().map(line -> move(from, line, action, now, attribution)).toList())
                    .orElse(List.of());
            attempted = taken;
            attemptedFrom = from;
            Orders.WriteOutcome written = orders.step(from, to, moves, access);
            if (written instanceof Orders.WriteOutcome.Written w) {
                taken.get().stockAction().ifPresent(OrderSteps::count);
                return new Outcome.Stepped(from, w.order());
            }
            if (written instanceof Orders.WriteOutcome.StockShort) {
                return new Outcome.StockShort(from);
            }
        }
        return new Outcome.Busy();
    }

    /** An order's stock moved: its lines allocated, or released. */
    private static void count(StockAction action) {
        if (action == StockAction.ALLOCATE) {
            Telemetry.count(Metric.ALLOCATIONS);
        } else if (action == StockAction.DEALLOCATE) {
            Telemetry.count(Metric.RELEASES);
        }
    }

    private StockTransaction move(Order order, OrderLine line, StockAction action, Instant now, Attribution attribution) {
        return new StockTransaction(transactionIds.next(), line.productId(), action, line.quantity(),
                Optional.of(order.id().value()), now, attribution);
    }
}
