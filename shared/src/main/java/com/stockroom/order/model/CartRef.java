package com.stockroom.order.model;

import java.util.regex.Pattern;

/** A cart's reference, chosen by the storefront: 1-64 letters, digits, '-' or '_'. */
public record CartRef(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public CartRef {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid cart reference");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
