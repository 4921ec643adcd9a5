package com.stockroom.stock.infrastructure;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.StockChange;
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
}
