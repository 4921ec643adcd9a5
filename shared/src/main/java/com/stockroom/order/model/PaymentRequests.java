package com.stockroom.order.model;

/** Where payment requests go: the point a real gateway adapter plugs in. */
public interface PaymentRequests {

    /**
     * Asks the gateway to take {@code token} for the order's attempt {@code paymentId}; it answers
     * later, elsewhere. Throws {@link NotSent} when the request surely did not leave; any other
     * failure leaves it unknown whether it did.
     */
    void send(OrderId orderId, String paymentId, String token);

    /**
     * Asks the gateway to give back the money it took for {@code paymentId}, a success the order
     * could not keep. Sent at least once: the gateway refunds a payment id once, however often
     * asked. Throws when the request may not have left; it is then asked again.
     */
    void refund(OrderId orderId, String paymentId);

    /** The request was refused before it was queued: the gateway will never see it. */
    final class NotSent extends RuntimeException {
        public NotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
