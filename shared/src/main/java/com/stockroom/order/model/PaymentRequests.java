package com.stockroom.order.model;

/** Where payment requests go: the point a real gateway adapter plugs in. */
public interface PaymentRequests {

    /** Asks the gateway to take {@code token} for the order's attempt {@code paymentId}; it answers later, elsewhere. */
    void send(OrderId orderId, String paymentId, String token);
}
