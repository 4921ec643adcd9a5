package com.stockroom.order.model;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cart: at most one line per product, in the order they were first added, and a version
 * that every change moves on, so that concurrent changes to one cart cannot overwrite each
 * other. Carts never move stock.
 */
public record Cart(CartRef ref, List<OrderLine> lines, long version) {

    /** An order's lines and one stock check each go into one DynamoDB transaction of at most 100 actions. */
    public static final int MAX_LINES = 99;

    public Cart {
        lines = List.copyOf(lines);
        if (lines.stream().map(OrderLine::productId).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("a cart holds one line per product");
        }
    }

    public static Cart empty(CartRef ref) {
        return new Cart(ref, List.of(), 0);
    }

    public Optional<Quantity> quantityOf(ProductId productId) {
        return lines.stream().filter(l -> l.productId().equals(productId)).map(OrderLine::quantity).findFirst();
    }

    /** The cart with the product's line set to {@code quantity}, added at the end if it is new. */
    public Cart with(ProductId productId, Quantity quantity) {
        List<OrderLine> changed = new ArrayList<>();
        boolean found = false;
        for (OrderLine line : lines) {
            if (line.productId().equals(productId)) {
                changed.add(new OrderLine(productId, quantity));
                found = true;
            } else {
                changed.add(line);
            }
        }
        if (!found) {
            changed.add(new OrderLine(productId, quantity));
        }
        return new Cart(ref, changed, version + 1);
    }

    public Cart without(ProductId productId) {
        return new Cart(ref, lines.stream().filter(l -> !l.productId().equals(productId)).toList(), version + 1);
    }

    public boolean isFull() {
        return lines.size() >= MAX_LINES;
    }
}
