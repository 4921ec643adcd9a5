package com.stockroom.stock.model;

import java.util.List;
import java.util.OptionalInt;

/** Where stock events go for others to hear: in order, each at least once. */
public interface StockEventBus {

    /**
     * Publishes the events in order, retrying what is refused for a while. Answers the index of
     * the first event that could not be published, or empty when all were. Events after that one
     * may have been published too; publishing them again gives them the same ids.
     */
    OptionalInt publish(List<StockEvent> events);

    /** Makes ready what publishing needs (a client, say), publishing nothing: for a snapshot taken before any event. */
    default void prepare() {
    }
}
