package com.stockroom.order.model;

import com.stockroom.common.Ids;

/** An order's id: opaque, 1-64 letters, digits, '-' or '_' (new ones are ULIDs). */
public record OrderId(String value) {


    public OrderId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid order id");
        }
    }

    public static boolean isValid(String value) {
        return Ids.isValid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
