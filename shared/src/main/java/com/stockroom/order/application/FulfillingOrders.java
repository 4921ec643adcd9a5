package com.stockroom.order.application;

import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.Orders;
import jakarta.inject.Inject;
import java.util.Optional;

/** Reading, shipping and cancelling orders (fulfilment and fraud). */
public final class FulfillingOrders {

    private final Orders orders;
    private final OrderSteps steps;

    @Inject
    public FulfillingOrders(Orders orders, OrderSteps steps) {
        this.orders = orders;
        this.steps = steps;
    }

    public Optional<Order> read(OrderId id) {
        return orders.find(id);
    }

    /** Ships a paid order: allocated and total fall by each line. Shipping again is refused and changes nothing. */
    public OrderSteps.Outcome ship(OrderId id) {
        return steps.take(id, (order, now) -> order.ship(now));
    }

    /** Cancels an order, releasing what it holds. Safe to repeat; refused once shipped. */
    public OrderSteps.Outcome cancel(OrderId id) {
        return steps.take(id, (order, now) -> order.cancel(now));
    }
}
