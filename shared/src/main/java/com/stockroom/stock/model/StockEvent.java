package com.stockroom.stock.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the service tells the world about a change to a product's stock once it is committed:
 * the change itself ({@link TransactionCreated}, Elastic Path's {@code stock-transaction.created})
 * and each line its available stock crossed ({@link LevelCrossed}). Every event's id is derived
 * from where the change stands in the stock table's committed order (its sequence) and the
 * event's type, so the same change yields the same ids however often it is delivered, and a
 * consumer can drop a repeat by its id.
 */
public sealed interface StockEvent {

    String TRANSACTION_CREATED = "stock-transaction.created";

    String id();

    /** {@code stock-transaction.created}, {@code stock.low}, {@code stock.out} or {@code stock.back_in_stock}. */
    String type();

    ProductId productId();

    /** A change logged in the history: a move, a creation (an increment from nothing) or a deletion. */
    record TransactionCreated(String id, HistoryEntry entry) implements StockEvent {
        @Override
        public String type() {
            return TRANSACTION_CREATED;
        }

        @Override
        public ProductId productId() {
            return entry.change().productId();
        }
    }

    /** Available stock crossing a watched line, with the stock on both sides and the change that moved it, if one did. */
    record LevelCrossed(String id, StockCrossing crossing, Stock before, Stock after, Optional<StockChange> cause) implements StockEvent {
        @Override
        public String type() {
            return crossing.eventType();
        }

        @Override
        public ProductId productId() {
            return after.productId();
        }
    }

    /**
     * The events of one committed change to a product's stock: the stock before and after it
     * (none where there was or is no stock), the history entry it makes (none for a change that
     * moves no stock, such as a new threshold), and its sequence. The transaction comes first,
     * then its crossings.
     */
    static List<StockEvent> of(ProductId productId, Optional<Stock> before, Optional<Stock> after, Optional<HistoryEntry> entry,
                               String sequence) {
        List<StockEvent> events = new ArrayList<>(3);
        entry.ifPresent(logged -> events.add(new TransactionCreated(id(productId, sequence, TRANSACTION_CREATED), logged)));
        for (StockCrossing crossing : StockCrossing.between(before, after)) {
            events.add(new LevelCrossed(id(productId, sequence, crossing.eventType()), crossing, before.get(), after.get(),
                    entry.map(HistoryEntry::change)));
        }
        return events;
    }

    /** A name-based UUID of the product, the change's sequence and the event's type: the same for every delivery. */
    static String id(ProductId productId, String sequence, String type) {
        return UUID.nameUUIDFromBytes((productId.value() + "/" + sequence + "/" + type).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
