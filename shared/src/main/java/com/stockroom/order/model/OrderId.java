package com.stockroom.order.model;

import java.util.regex.Pattern;

/** An order's id: opaque, 1-64 letters, digits, '-' or '_' (new ones are ULIDs). */
public record OrderId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OrderId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid order id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
