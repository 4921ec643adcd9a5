package com.stockroom.order.application;

import java.time.Duration;

/** How long a payment may wait for the gateway's answer before it is failed and its stock released. */
public record PaymentTimeout(Duration value) {

    public static final Duration DEFAULT = Duration.ofSeconds(900);
}
