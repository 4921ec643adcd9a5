package com.stockroom.order.infrastructure;

import com.stockroom.order.model.Cart;
import com.stockroom.order.model.CartRef;
import com.stockroom.order.model.Customer;
import com.stockroom.order.model.Order;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.OrderLine;
import com.stockroom.order.model.OrderStatus;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place that knows how orders and carts look in DynamoDB. An order waiting for its
 * payment also carries {@code awaiting_payment} and {@code payment_deadline}, which put it in
 * the sparse index the payment timeout reads; every other order is absent from that index.
 */
final class OrderItems {

    static final String ORDER_ID = "order_id";
    static final String CART_REF = "cart_ref";
    static final String OWNER = "owner";
    static final String VERSION = "version";
    static final String AWAITING_PAYMENT = "awaiting_payment";
    static final String PAYMENT_DEADLINE = "payment_deadline";
    static final String BY_PAYMENT_DEADLINE = "by_payment_deadline";
    /**
     * Orders awaiting payment spread over this many index partitions ({@code awaiting#0} ...), so
     * the index has no single hot key however many payments are in flight.
     */
    static final int AWAITING_SHARDS = 8;

    /** The condition a write to a cart or an order puts on the stored item: still this version, still this owner's. */
    static final String OWNED_AT_VERSION = "#version = :version AND #owner = :owner";
    static final Map<String, String> OWNED_AT_VERSION_NAMES = Map.of("#version", VERSION, "#owner", OWNER);

    private OrderItems() {
    }

    static Map<String, AttributeValue> ownedAtVersion(String owner, long version) {
        return Map.of(":version", n(version), ":owner", s(owner));
    }

    static String awaitingShard(int shard) {
        return "awaiting#" + shard;
    }

    static Map<String, AttributeValue> orderKey(OrderId id) {
        return Map.of(ORDER_ID, AttributeValue.fromS(id.value()));
    }

    static Map<String, AttributeValue> cartKey(CartRef ref) {
        return Map.of(CART_REF, AttributeValue.fromS(ref.value()));
    }

    static Map<String, AttributeValue> orderItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ORDER_ID, s(order.id().value()));
        item.put(CART_REF, s(order.cartRef().value()));
        item.put(OWNER, s(order.owner()));
        item.put("status", s(order.status().name()));
        item.put("paid", AttributeValue.fromBool(order.paid()));
        item.put("fulfilled", AttributeValue.fromBool(order.fulfilled()));
        order.paymentId().ifPresent(id -> item.put("payment_id", s(id)));
        order.paymentDeadline().ifPresent(deadline -> {
            item.put(AWAITING_PAYMENT, s(awaitingShard(Math.floorMod(order.id().value().hashCode(), AWAITING_SHARDS))));
            item.put(PAYMENT_DEADLINE, n(deadline.toEpochMilli()));
        });
        if (!order.paymentAttempts().isEmpty()) {
            item.put("payment_attempts", AttributeValue.fromSs(List.copyOf(order.paymentAttempts())));
        }
        if (!order.refundedPayments().isEmpty()) {
            item.put("refunded_payments", AttributeValue.fromSs(List.copyOf(order.refundedPayments())));
        }
        item.put("lines", lines(order.lines()));
        item.put("customer_email", s(order.customer().email()));
        item.put("customer_name", s(order.customer().name()));
        item.put("shipping_address", strings(order.shippingAddress()));
        item.put("billing_address", strings(order.billingAddress()));
        item.put("created_at", s(order.createdAt().toString()));
        item.put("updated_at", s(order.updatedAt().toString()));
        item.put(VERSION, n(order.version()));
        return item;
    }

    static Order order(Map<String, AttributeValue> item) {
        return new Order(
                new OrderId(item.get(ORDER_ID).s()),
                new CartRef(item.get(CART_REF).s()),
                item.get(OWNER).s(),
                OrderStatus.valueOf(item.get("status").s()),
                item.get("paid").bool(),
                item.get("fulfilled").bool(),
                Optional.ofNullable(item.get("payment_id")).map(AttributeValue::s),
                Optional.ofNullable(item.get(PAYMENT_DEADLINE)).map(v -> Instant.ofEpochMilli(Long.parseLong(v.n()))),
                Optional.ofNullable(item.get("payment_attempts")).map(v -> Set.copyOf(v.ss())).orElse(Set.of()),
                Optional.ofNullable(item.get("refunded_payments")).map(v -> Set.copyOf(v.ss())).orElse(Set.of()),
                lines(item.get("lines")),
                new Customer(item.get("customer_email").s(), item.get("customer_name").s()),
                strings(item.get("shipping_address")),
                strings(item.get("billing_address")),
                Instant.parse(item.get("created_at").s()),
                Instant.parse(item.get("updated_at").s()),
                Long.parseLong(item.get(VERSION).n()));
    }

    static Map<String, AttributeValue> cartItem(Cart cart, Instant now) {
        return Map.of(
                CART_REF, s(cart.ref().value()),
                OWNER, s(cart.owner()),
                "lines", lines(cart.lines()),
                VERSION, n(cart.version()),
                "updated_at", s(now.toString()));
    }

    static Cart cart(Map<String, AttributeValue> item) {
        return new Cart(new CartRef(item.get(CART_REF).s()), item.get(OWNER).s(), lines(item.get("lines")), Long.parseLong(item.get(VERSION).n()));
    }

    private static AttributeValue lines(List<OrderLine> lines) {
        return AttributeValue.fromL(lines.stream()
                .map(line -> AttributeValue.fromM(Map.of(
                        "product_id", s(line.productId().value()),
                        "quantity", n(line.quantity().value()))))
                .toList());
    }

    private static List<OrderLine> lines(AttributeValue value) {
        return value.l().stream()
                .map(line -> new OrderLine(new ProductId(line.m().get("product_id").s()),
                        Quantity.of(Long.parseLong(line.m().get("quantity").n()))))
                .toList();
    }

    private static AttributeValue strings(Map<String, String> values) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, s(v)));
        return AttributeValue.fromM(map);
    }

    private static Map<String, String> strings(AttributeValue value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> map.put(k, v.s()));
        }
        return map;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
