package com.stockroom.stock.model;

import com.stockroom.common.Ids;

/** A product's opaque id: 1-64 letters, digits, '-' or '_'. */
public record ProductId(String value) {


    public ProductId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid product id");
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
