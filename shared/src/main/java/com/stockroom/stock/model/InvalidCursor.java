package com.stockroom.stock.model;

/** A page cursor that this service did not hand out. */
public final class InvalidCursor extends RuntimeException {
    public InvalidCursor() {
        super("the page cursor is not one this service handed out");
    }
}
