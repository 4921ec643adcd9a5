package com.stockroom.stock.infrastructure;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockTransaction;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a stock table stream record's images as the history entry they describe: the new
 * image carries the transaction that made the change, the old image the numbers before it
 * (none for the first, creating, write), and the record's sequence number the change's place in
 * the log.
 */
public final class StockStreamImages {

    private StockStreamImages() {
    }

    /**
     * The entry for one change, or empty for a record that moves no stock (a deletion, or an
     * update that leaves the last transaction as it was).
     */
    public static Optional<HistoryEntry> historyEntry(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage,
                                                      String sequenceNumber) {
        if (newImage == null || newImage.isEmpty()) {
            return Optional.empty();
        }
        Optional<StockTransaction> txn = StockItems.lastTransaction(newImage);
        if (txn.isEmpty()) {
            return Optional.empty();
        }
        boolean hasOld = oldImage != null && !oldImage.isEmpty();
        if (hasOld && StockItems.lastTransaction(oldImage).map(StockTransaction::id).equals(txn.map(StockTransaction::id))) {
            return Optional.empty();
        }
        Stock after = StockItems.stock(newImage);
        Stock before = hasOld ? StockItems.stock(oldImage) : Stock.none(after.productId());
        return Optional.of(new HistoryEntry(txn.get(), before, after, sequenceNumber));
    }
}
