package com.stockroom.stock.model;

/**
 * One line of the historic log: a change, the numbers just before and just after it, and its
 * sequence: where the change stands in the order the stock table committed its changes (the
 * stream's sequence number), which is the log's order. Transaction ids are handed out before
 * the write, so under concurrency their order can differ from the order of the changes.
 *
 * <p>The numbers are what was recorded, as plain {@link Levels}: a log that went wrong must still
 * be readable, so that an audit can say where.
 */
public record HistoryEntry(StockChange change, Levels before, Levels after, String sequence) {
}
