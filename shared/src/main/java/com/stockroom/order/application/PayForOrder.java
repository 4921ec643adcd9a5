package com.stockroom.order.application;

import com.stockroom.order.model.OrderId;

/** Pay for an order with the gateway token the storefront got from the customer. */
public record PayForOrder(OrderId orderId, String token) {
}
