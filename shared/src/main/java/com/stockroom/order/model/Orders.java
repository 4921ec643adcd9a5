package com.stockroom.order.model;

import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.StockTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders, and the stock their steps move. Every write is one DynamoDB transaction: the order's
 * own change, conditional on its version, with each line's stock check or move, conditional on
 * the stock invariant, all or nothing.
 */
public interface Orders {

    Optional<Order> find(OrderId id);

    /**
     * Places the order if every line is still available and {@code cart}, which it was made
     * from, is still that version and its owner's; nothing is written otherwise.
     */
    WriteOutcome place(Order order, Cart cart);

    /**
     * Writes {@code from}'s step to {@code to} with its stock moves, if {@code from} is still the
     * stored version and, unless {@code access} reaches any order, still its actor's.
     */
    WriteOutcome step(Order from, Order to, List<StockTransaction> moves, OrderAccess access);

    /** Orders whose payment has waited past its deadline, at most {@code limit} of them. */
    List<Order> awaitingPaymentSince(Instant deadline, int limit);

    /**
     * Orders waiting for their payment's result ({@code processing}), a page at a time, read from
     * the index the timeouts read, not by scanning every order.
     *
     * @throws com.stockroom.stock.model.InvalidCursor if the page's cursor was not handed out here
     */
    Page<Order> awaitingPayment(PageRequest page);

    /** What became of a write. */
    sealed interface WriteOutcome {
        record Written(Order order) implements WriteOutcome {
        }

        /** A line's stock was missing or short: nothing was written. */
        record StockShort() implements WriteOutcome {
        }

        /** The order is not the version the step started from: nothing was written; read it again. */
        record ChangedMeanwhile() implements WriteOutcome {
        }
    }
}
