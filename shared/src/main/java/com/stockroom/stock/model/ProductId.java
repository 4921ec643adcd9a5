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

    // equals and hashCode written out: a record's own are linked at their first call through
    // ObjectMethods, which generates method handle classes that no class archive holds (a cart
    // keys its lines by product id, at every cold start of the carts function).
    @Override
    public boolean equals(Object other) {
        return other instanceof ProductId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
