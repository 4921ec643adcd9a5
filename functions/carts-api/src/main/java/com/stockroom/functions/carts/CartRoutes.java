package com.stockroom.functions.carts;

import com.stockroom.web.HttpResponse;
import com.stockroom.order.api.OrderDocuments;
import com.stockroom.order.application.CartChange;
import com.stockroom.order.application.ChangingCarts;
import com.stockroom.order.application.CheckOut;
import com.stockroom.order.application.CheckingOut;
import com.stockroom.order.model.Cart;
import com.stockroom.order.model.CartRef;
import com.stockroom.order.model.Customer;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.web.ApiError;
import com.stockroom.web.HttpRequest;
import com.stockroom.web.Idempotency;
import com.stockroom.web.JsonApi;
import com.stockroom.web.JsonObject;
import com.stockroom.web.Router;
import jakarta.inject.Inject;
import java.util.Optional;

/** The Carts contract: add, change, remove and list items, and check out. */
final class CartRoutes {

    private static final String TO_ADD = "add this item to the cart";

    private final ChangingCarts carts;
    private final CheckingOut checkingOut;

    private final Idempotency idempotency;

    @Inject
    CartRoutes(ChangingCarts carts, CheckingOut checkingOut, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.carts = carts;
        this.checkingOut = checkingOut;
    }

    Router router() {
        return new Router(idempotency)
                .route("POST /v2/carts/{cart_ref}/items", this::add)
                .route("PUT /v2/carts/{cart_ref}/items/{item_id}", this::update)
                .route("DELETE /v2/carts/{cart_ref}/items/{item_id}", this::remove)
                .route("GET /v2/carts/{cart_ref}/items", this::list)
                .route("POST /v2/carts/{cart_ref}/checkout", this::checkout);
    }

    private HttpResponse add(HttpRequest request) {
        CartRef ref = cartRef(request);
        JsonObject data = request.data();
        Optional<String> type = data.optionalString("type");
        if (type.isPresent() && !type.get().equals("cart_item")) {
            throw ApiError.badRequest("data.type must be \"cart_item\"");
        }
        String id = data.string("id");
        if (!ProductId.isValid(id)) {
            throw ApiError.badRequest("data.id must be a product id: 1 to 64 letters, digits, '-' or '_'");
        }
        return answer(carts.add(ref, subject(request), new ProductId(id), quantity(data)), 201);
    }

    private HttpResponse update(HttpRequest request) {
        CartRef ref = cartRef(request);
        ProductId item = new ProductId(request.id("item_id"));
        return answer(carts.set(ref, subject(request), item, quantity(request.data())), 200);
    }

    private HttpResponse remove(HttpRequest request) {
        CartRef ref = cartRef(request);
        return answer(carts.remove(ref, subject(request), new ProductId(request.id("item_id"))), 200);
    }

    private HttpResponse list(HttpRequest request) {
        return carts.read(cartRef(request), subject(request))
                .map(cart -> JsonApi.respond(200, OrderDocuments.cartItems(cart)))
                .orElseThrow(CartRoutes::noCart);
    }

    private HttpResponse checkout(HttpRequest request) {
        CartRef ref = cartRef(request);
        JsonObject data = request.data();
        JsonObject customer = data.object("customer");
        String email = customer.string("email", 3, 254);
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiError.badRequest("data.customer.email must be an email address");
        }
        CheckOut command = new CheckOut(ref, subject(request), new Customer(email, customer.string("name", 1, 255)),
                OrderDocuments.address(data, "shipping_address"), OrderDocuments.address(data, "billing_address"));
        CheckingOut.Outcome outcome = checkingOut.checkOut(command);
        if (outcome instanceof CheckingOut.Outcome.Placed placed) {
            return JsonApi.data(201, OrderDocuments.order(placed.order()));
        }
        if (outcome instanceof CheckingOut.Outcome.CartEmpty) {
            throw ApiError.badRequest("the cart is empty: add items before checking out");
        }
        if (outcome instanceof CheckingOut.Outcome.NoSuchCart) {
            throw noCart();
        }
        if (outcome instanceof CheckingOut.Outcome.InsufficientStock) {
            throw OrderDocuments.insufficientStock("check out");
        }
        throw ApiError.conflict("the cart kept changing while it was being checked out; try again");
    }

    private static HttpResponse answer(CartChange change, int status) {
        if (change instanceof CartChange.Changed changed) {
            return JsonApi.respond(status, OrderDocuments.cartItems(changed.cart()));
        }
        if (change instanceof CartChange.NoSuchCart) {
            throw noCart();
        }
        if (change instanceof CartChange.InsufficientStock) {
            throw OrderDocuments.insufficientStock(TO_ADD);
        }
        if (change instanceof CartChange.UnknownProduct) {
            throw ApiError.notFound("there is no such product in the inventory");
        }
        if (change instanceof CartChange.NotInCart) {
            throw ApiError.notFound("the cart has no such item");
        }
        if (change instanceof CartChange.CartFull) {
            throw ApiError.badRequest("a cart holds at most " + Cart.MAX_LINES + " different products");
        }
        if (change instanceof CartChange.TooMany) {
            throw ApiError.badRequest("a cart holds at most " + Quantity.MAX + " of one product");
        }
        throw ApiError.conflict("the cart kept changing while this change was made; try again");
    }

    /** Whose cart: the verified caller's subject (a storefront's implicit token speaks as its client id). */
    private static String subject(HttpRequest request) {
        return request.caller().subject();
    }

    /** Someone else's cart answers as if it did not exist. */
    private static ApiError noCart() {
        return ApiError.notFound("there is no such cart");
    }

    private static CartRef cartRef(HttpRequest request) {
        return new CartRef(request.id("cart_ref"));
    }

    private static Quantity quantity(JsonObject data) {
        return Quantity.of(data.wholeNumber("quantity", Quantity.MIN, Quantity.MAX));
    }
}
