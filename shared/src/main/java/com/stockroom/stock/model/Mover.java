package com.stockroom.stock.model;

/**
 * Who moves stock, which decides what a move may take: an admin's stock transaction, or an
 * order's step (paying, releasing, shipping). Admins may release only what admins allocated by
 * hand, never the stock an order holds.
 */
public enum Mover {
    ADMIN,
    ORDER
}
