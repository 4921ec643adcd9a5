package com.stockroom.order.infrastructure;

/** The tables the order flow writes: orders, carts, and the stock it checks and moves. */
public record OrderTables(String orders, String carts, String stock) {
}
