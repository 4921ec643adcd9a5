package com.stockroom.order.model;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cart: at most one line per product, in the order they were first added, and a version
 * that every change moves on, so that concurrent changes to one cart cannot overwrite each
 * other. It belongs to the subject that first wrote to it ({@code owner}); to anyone else it
 * does not exist. Carts never move stock.
 */
public record Cart(CartRef ref, String owner, List<OrderLine> lines, long version) {

    /**
     * Checking out is one DynamoDB transaction of at most 100 actions: a stock check per line,
     * a check that the cart is still the owner's and unchanged, and the order's write.
     */
    public static final int MAX_LINES = 98;

    public Cart {
        Objects.requireNonNull(owner, "owner");
        lines = List.copyOf(lines);
        if (lines.stream().map(OrderLine::productId).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("a cart holds one line per product");
        }
    }

    /** A cart nobody has written to yet: the first to write to it owns it. */
    public static Cart empty(CartRef ref, String owner) {
        return new Cart(ref, owner, List.of(), 0);
    }

    public boolean belongsTo(String subject) {
        return owner.equals(subject);
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
        return new Cart(ref, owner, changed, version + 1);
    }

    public Cart without(ProductId productId) {
        return new Cart(ref, owner, lines.stream().filter(l -> !l.productId().equals(productId)).toList(), version + 1);
    }

    public boolean isFull() {
        return lines.size() >= MAX_LINES;
    }
}
