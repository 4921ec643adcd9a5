package com.stockroom.stock.model;

import java.util.regex.Pattern;

/** A product's opaque id: 1-64 letters, digits, '-' or '_'. */
public record ProductId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ProductId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid product id");
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
