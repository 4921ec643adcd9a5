package com.stockroom.stock.infrastructure;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.ObservedChange;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockChange;
import com.stockroom.stock.model.StockEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a stock table stream record's images as the history entry they describe: the new
 * image carries the change that was made (a move, or a deletion, which leaves a tombstone at
 * zero), the old image the numbers before it (none for the first, creating, write; a tombstone's
 * zeros when stock is created again after a deletion), and the record's sequence number the
 * change's place in the log.
 */
public final class StockStreamImages {

    private StockStreamImages() {
    }

    /**
     * The entry for one change, or empty for a record that changes no stock: an update that
     * leaves the last change as it was, or a REMOVE (which the service no longer makes: it
     * deletes by tombstone, whose record is a MODIFY; an item removed by other means carries no
     * change to log).
     */
    public static Optional<HistoryEntry> historyEntry(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage,
                                                      String sequenceNumber) {
        if (newImage == null || newImage.isEmpty()) {
            return Optional.empty();
        }
        Optional<StockChange> change = StockItems.lastChange(newImage);
        if (change.isEmpty()) {
            return Optional.empty();
        }
        boolean hasOld = oldImage != null && !oldImage.isEmpty();
        if (hasOld && StockItems.lastChange(oldImage).map(StockChange::id).equals(change.map(StockChange::id))) {
            return Optional.empty();
        }
        Levels after = StockItems.levels(newImage);
        Levels before = hasOld ? StockItems.levels(oldImage) : Levels.ZERO;
        if (!before.balanced() || !after.balanced()) {
            // The stock table only ever holds balanced numbers: an image that is not is no change of ours to log.
            throw new IllegalArgumentException("the stream record's numbers are out of balance: " + before + " -> " + after);
        }
        return Optional.of(new HistoryEntry(change.get(), before, after, sequenceNumber));
    }

    /**
     * The history entry and the events of one stream record ({@link StockEvent#of}), or empty
     * for a record that makes neither. The stock on each side is read from that side's image
     * alone, never from the table: an image that is absent or a tombstone is no stock.
     */
    public static Optional<ObservedChange> observed(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage,
                                                    String sequenceNumber) {
        Optional<HistoryEntry> entry = historyEntry(oldImage, newImage, sequenceNumber);
        Optional<Stock> before = stock(oldImage);
        Optional<Stock> after = stock(newImage);
        Optional<ProductId> productId = after.or(() -> before).map(Stock::productId);
        List<StockEvent> events = productId.isEmpty() ? List.of()
                : StockEvent.of(productId.get(), before, after, entry, sequenceNumber);
        ObservedChange change = new ObservedChange(entry, events);
        return change.isEmpty() ? Optional.empty() : Optional.of(change);
    }

    private static Optional<Stock> stock(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty() || StockItems.isDeleted(image)) {
            return Optional.empty();
        }
        return Optional.of(StockItems.stock(image));
    }
}
