package com.stockroom.order.application;

import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.Orders;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
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

    /** The order, if {@code access} can see it. */
    public Optional<Order> read(OrderId id, OrderAccess access) {
        return orders.find(id).filter(access::canSee);
    }

    /** Orders whose payment request went out and whose result has not come back yet (any customer's). */
    public Page<Order> awaitingPayment(PageRequest page) {
        return orders.awaitingPayment(page);
    }

    /** Ships a paid order: allocated and total fall by each line. Shipping again is refused and changes nothing. */
    public OrderSteps.Outcome ship(OrderId id, OrderAccess access) {
        return steps.take(id, access, "order shipped", (order, now) -> order.ship(now));
    }

    /** Cancels an order, releasing what it holds. Safe to repeat; refused once shipped. */
    public OrderSteps.Outcome cancel(OrderId id, OrderAccess access) {
        return steps.take(id, access, "order cancelled", (order, now) -> order.cancel(now));
    }
}
