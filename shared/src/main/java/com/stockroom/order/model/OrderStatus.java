package com.stockroom.order.model;

/** An order's status in Elastic Path's vocabulary. */
public enum OrderStatus {
    INCOMPLETE, PROCESSING, COMPLETE, CANCELLED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
