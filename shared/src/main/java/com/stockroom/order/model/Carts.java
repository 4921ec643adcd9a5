package com.stockroom.order.model;

import java.util.Optional;

/**
 * Carts. A change is written only if the cart is still the version it was made from and still
 * belongs to the changed cart's owner; a new cart only if no cart has that reference.
 */
public interface Carts {

    Optional<Cart> find(CartRef ref);

    /**
     * Writes {@code changed} (whose version is one past the stored one), checking in the same
     * transaction, when {@code check} is given, that its product has that much available.
     */
    SaveOutcome save(Cart changed, Optional<OrderLine> check);

    sealed interface SaveOutcome {
        record Saved(Cart cart) implements SaveOutcome {
        }

        record NoSuchStock() implements SaveOutcome {
        }

        record StockShort() implements SaveOutcome {
        }

        record ChangedMeanwhile() implements SaveOutcome {
        }
    }
}
