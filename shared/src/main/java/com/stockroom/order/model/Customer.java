package com.stockroom.order.model;

/** Who placed the order. */
public record Customer(String email, String name) {
}
