package com.stockroom.functions.history;

import com.stockroom.lambda.StreamBatches;
import com.stockroom.stock.application.PublishingStockEvents;
import com.stockroom.stock.application.RecordingStockHistory;
import com.stockroom.stock.infrastructure.StockStreamImages;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * One batch of the stock table's stream: each record read from its images alone into the
 * history entry and the events it makes, the entries written in runs, then, once the batch's
 * history is written, its events published; the first record that fails any of it is where the
 * batch is retried from ({@link StreamBatches}).
 */
final class StockStreamConsumer {

    private final RecordingStockHistory recording;
    private final PublishingStockEvents publishing;

    @Inject
    StockStreamConsumer(RecordingStockHistory recording, PublishingStockEvents publishing) {
        this.recording = recording;
        this.publishing = publishing;
    }

    /**
     * Before a snapshot: an empty batch through the whole path (nothing written, nothing
     * published), and the event bus's client built, so the first batch after a restore pays for neither.
     */
    void prime() {
        consume(Map.of("Records", java.util.List.of()));
        publishing.prepare();
    }

    /** The {@code {"batchItemFailures":[...]}} answer for one stream event. */
    String consume(Map<String, Object> event) {
        return StreamBatches.processInRuns(event, RecordingStockHistory.RUN,
                record -> StockStreamImages.observed(record.oldImage(), record.newImage(), record.sequenceNumber()),
                recording::recordChanges, publishing::publishAll);
    }
}
