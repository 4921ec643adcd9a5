package com.stockroom.stock.infrastructure;

/** The names of the stock and stock history tables, as the function's environment gives them. */
public record StockTables(String stock, String history) {
}
