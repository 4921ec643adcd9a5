package com.stockroom.order.application;

import com.stockroom.common.Actor;
import com.stockroom.order.model.OrderId;

/** Pay for one's own order with the gateway token the storefront got from the customer. */
public record PayForOrder(OrderId orderId, Actor payer, String token) {
}
