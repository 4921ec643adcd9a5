package com.stockroom.order.application;

import com.stockroom.order.model.Cart;

/** What became of a change to a cart. */
public sealed interface CartChange {

    record Changed(Cart cart) implements CartChange {
    }

    /** The cart is someone else's: to this caller it does not exist, and it is unchanged. */
    record NoSuchCart() implements CartChange {
    }

    /** The cart would hold more of the product than is available: the cart is unchanged. */
    record InsufficientStock() implements CartChange {
    }

    record UnknownProduct() implements CartChange {
    }

    record NotInCart() implements CartChange {
    }

    record CartFull() implements CartChange {
    }

    /** The cart would hold more than the largest quantity of one product. */
    record TooMany() implements CartChange {
    }

    record Busy() implements CartChange {
    }
}
