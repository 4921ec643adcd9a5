package com.stockroom.common;

/**
 * The business metrics the functions publish, as CloudWatch Embedded Metric Format members of
 * their per-event log line. Every count is per event: how many of that thing the event did.
 */
public enum Metric {

    /** An order's lines allocated: a payment started, or a late success kept. */
    ALLOCATIONS("Allocations", "Count"),
    /** Checking out or paying refused for want of available stock. */
    REFUSALS("InsufficientStockRefusals", "Count"),
    /** An order's allocation released: a failed, timed-out or unsent payment, or a cancellation. */
    RELEASES("Releases", "Count"),
    /** Overdue payments failed by the sweep (each is a release too). */
    TIMEOUTS("PaymentTimeouts", "Count"),
    /** A success the order could not keep, given back. */
    REFUNDS("Refunds", "Count"),
    /** Milliseconds from a stock change's stream record to its history entry being written, one value per record. */
    HISTORY_LAG("HistoryLag", "Milliseconds");

    private final String metricName;
    private final String unit;

    Metric(String metricName, String unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The metric's name in CloudWatch, and its member in the log line. */
    public String metricName() {
        return metricName;
    }

    /** Its CloudWatch unit. */
    public String unit() {
        return unit;
    }
}
