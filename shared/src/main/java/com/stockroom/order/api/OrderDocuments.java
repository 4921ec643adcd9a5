package com.stockroom.order.api;

import com.stockroom.order.model.Cart;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderLine;
import com.stockroom.web.ApiError;
import com.stockroom.web.Json;
import com.stockroom.web.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Carts and orders as JSON:API resources, in Elastic Path's vocabulary, and the answers they share. */
public final class OrderDocuments {

    private OrderDocuments() {
    }

    /** The one answer for short stock: it names neither the product nor how many are in stock. */
    public static ApiError insufficientStock(String toDoWhat) {
        return new ApiError(400, "Insufficient stock", "There is not enough stock to " + toDoWhat);
    }

    public static Map<String, Object> cartItems(Cart cart) {
        List<Map<String, Object>> items = cart.lines().stream().map(OrderDocuments::cartItem).toList();
        long quantity = cart.lines().stream().mapToLong(l -> l.quantity().value()).sum();
        return Json.object("data", items, "meta", Json.object("cart_ref", cart.ref().value(), "item_count", items.size(), "quantity", quantity));
    }

    public static Map<String, Object> order(Order order) {
        return Json.object(
                "id", order.id().value(),
                "type", "order",
                "status", order.status().wireName(),
                "payment", order.paid() ? "paid" : order.refundedPayments().isEmpty() ? "unpaid" : "refunded",
                "shipping", order.fulfilled() ? "fulfilled" : "unfulfilled",
                "payment_id", order.paymentId().orElse(null),
                "refunded_payment_ids", order.refundedPayments().isEmpty() ? null : List.copyOf(new TreeSet<>(order.refundedPayments())),
                "cart_ref", order.cartRef().value(),
                "items", order.lines().stream().map(l -> Json.object(
                        "product_id", l.productId().value(), "quantity", l.quantity().value())).toList(),
                "customer", Json.object("email", order.customer().email(), "name", order.customer().name()),
                "shipping_address", new LinkedHashMap<>(order.shippingAddress()),
                "billing_address", new LinkedHashMap<>(order.billingAddress()),
                "timestamps", Json.object("created_at", order.createdAt().toString(), "updated_at", order.updatedAt().toString()));
    }

    /** An address: an object of at most 30 short string fields, or nothing. */
    public static Map<String, String> address(JsonObject data, String name) {
        if (!data.has(name) || data.isNull(name)) {
            return Map.of();
        }
        JsonObject address = data.object(name);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : address.names()) {
            if (fields.size() >= 30 || field.length() > 64) {
                throw ApiError.badRequest("data." + name + " may have at most 30 fields with names of at most 64 characters");
            }
            String value = address.string(field);
            if (value.length() > 255) {
                throw ApiError.badRequest("data." + name + "." + field + " must be at most 255 characters");
            }
            fields.put(field, value);
        }
        return fields;
    }

    static Map<String, Object> cartItem(OrderLine line) {
        return Json.object(
                "id", line.productId().value(),
                "type", "cart_item",
                "product_id", line.productId().value(),
                "quantity", line.quantity().value());
    }
}
