package com.stockroom.order.application;

import com.stockroom.order.model.Cart;
import com.stockroom.order.model.CartRef;
import com.stockroom.order.model.Carts;
import com.stockroom.order.model.OrderLine;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Adding to, changing and removing from carts. Adding or changing checks, in the same
 * transaction as the cart's write, that the cart's whole quantity of the product is available;
 * carts never move stock. A cart is its first writer's: to any other subject it does not exist,
 * and the write's own condition on the owner makes sure of it even if the cart was taken between
 * the read and the write (the next attempt then reads it as someone else's).
 */
public final class ChangingCarts {

    private static final int ATTEMPTS = 5;

    private final Carts carts;

    @Inject
    public ChangingCarts(Carts carts) {
        this.carts = carts;
    }

    /**
     * The cart as {@code subject} sees it: theirs, or empty (and theirs to take) if nobody has
     * written to it yet; absent if it is someone else's.
     */
    public Optional<Cart> read(CartRef ref, String subject) {
        Optional<Cart> found = carts.find(ref);
        if (found.isEmpty()) {
            return Optional.of(Cart.empty(ref, subject));
        }
        return found.filter(cart -> cart.belongsTo(subject));
    }

    /** Adds {@code quantity} of the product to what the cart already holds of it. */
    public CartChange add(CartRef ref, String subject, ProductId productId, Quantity quantity) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Cart> visible = read(ref, subject);
            if (visible.isEmpty()) {
                return new CartChange.NoSuchCart();
            }
            Cart cart = visible.get();
            Optional<Quantity> held = cart.quantityOf(productId);
            long wanted = held.map(Quantity::value).orElse(0L) + quantity.value();
            if (wanted > Quantity.MAX) {
                return new CartChange.TooMany();
            }
            if (held.isEmpty() && cart.isFull()) {
                return new CartChange.CartFull();
            }
            Optional<CartChange> done = save(cart.with(productId, Quantity.of(wanted)), productId, Quantity.of(wanted));
            if (done.isPresent()) {
                return done.get();
            }
        }
        return new CartChange.Busy();
    }

    /** Sets the product's quantity in the cart; the product must be in it. */
    public CartChange set(CartRef ref, String subject, ProductId productId, Quantity quantity) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Cart> visible = read(ref, subject);
            if (visible.isEmpty()) {
                return new CartChange.NoSuchCart();
            }
            Cart cart = visible.get();
            if (cart.quantityOf(productId).isEmpty()) {
                return new CartChange.NotInCart();
            }
            Optional<CartChange> done = save(cart.with(productId, quantity), productId, quantity);
            if (done.isPresent()) {
                return done.get();
            }
        }
        return new CartChange.Busy();
    }

    /** Removes the product from the cart; removing what is not there changes nothing. */
    public CartChange remove(CartRef ref, String subject, ProductId productId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Cart> visible = read(ref, subject);
            if (visible.isEmpty()) {
                return new CartChange.NoSuchCart();
            }
            Cart cart = visible.get();
            if (cart.quantityOf(productId).isEmpty()) {
                return new CartChange.Changed(cart);
            }
            Carts.SaveOutcome outcome = carts.save(cart.without(productId), Optional.empty());
            if (outcome instanceof Carts.SaveOutcome.Saved saved) {
                return new CartChange.Changed(saved.cart());
            }
        }
        return new CartChange.Busy();
    }

    /** Empty when the cart changed meanwhile and the change must be made again. */
    private Optional<CartChange> save(Cart changed, ProductId productId, Quantity wanted) {
        Carts.SaveOutcome outcome = carts.save(changed, Optional.of(new OrderLine(productId, wanted)));
        if (outcome instanceof Carts.SaveOutcome.Saved saved) {
            return Optional.of(new CartChange.Changed(saved.cart()));
        }
        if (outcome instanceof Carts.SaveOutcome.StockShort) {
            return Optional.of(new CartChange.InsufficientStock());
        }
        if (outcome instanceof Carts.SaveOutcome.NoSuchStock) {
            return Optional.of(new CartChange.UnknownProduct());
        }
        return Optional.empty();
    }
}
