package com.stockroom.order.model;

import com.stockroom.common.Actor;

/**
 * Whose orders a request may see and step: a shopper only their own (any other order does not
 * exist for them), fulfilment and fraud staff, and the service's own components, any order.
 */
public record OrderAccess(Actor actor, boolean anyOrder) {

    public static OrderAccess ownOrders(Actor actor) {
        return new OrderAccess(actor, false);
    }

    public static OrderAccess anyOrder(Actor actor) {
        return new OrderAccess(actor, true);
    }

    public boolean canSee(Order order) {
        return anyOrder || order.owner().equals(actor.subject());
    }
}
