package com.stockroom.order.model;

import com.stockroom.common.Ids;

/** A cart's reference, chosen by the storefront: 1-64 letters, digits, '-' or '_'. */
public record CartRef(String value) {


    public CartRef {
        if (!Ids.isValid(value)) {
            throw new IllegalArgumentException("not a valid cart reference");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
