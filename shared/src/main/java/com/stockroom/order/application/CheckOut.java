package com.stockroom.order.application;

import com.stockroom.order.model.CartRef;
import com.stockroom.order.model.Customer;
import java.util.Map;

/** Turn the subject's cart into their unpaid order. */
public record CheckOut(CartRef cartRef, String subject, Customer customer, Map<String, String> shippingAddress, Map<String, String> billingAddress) {
}
