package com.stockroom.order.application;

import com.stockroom.order.model.CartRef;
import com.stockroom.order.model.Customer;
import java.util.Map;

/** Turn a cart into an unpaid order. */
public record CheckOut(CartRef cartRef, Customer customer, Map<String, String> shippingAddress, Map<String, String> billingAddress) {
}
