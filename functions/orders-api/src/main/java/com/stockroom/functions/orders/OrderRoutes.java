package com.stockroom.functions.orders;

import com.stockroom.common.Telemetry;
import com.stockroom.web.HttpResponse;
import com.stockroom.order.api.OrderDocuments;
import com.stockroom.order.application.FulfillingOrders;
import com.stockroom.order.application.OrderSteps;
import com.stockroom.order.application.PayForOrder;
import com.stockroom.order.application.PayingForOrder;
import com.stockroom.order.model.OrderAccess;
import com.stockroom.order.model.OrderId;
import com.stockroom.web.ApiError;
import com.stockroom.web.Caller;
import com.stockroom.web.HttpRequest;
import com.stockroom.web.Idempotency;
import com.stockroom.web.JsonApi;
import com.stockroom.web.JsonObject;
import com.stockroom.web.Paging;
import com.stockroom.web.Router;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.order.model.Order;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The Orders contract: read, pay (202, the gateway answers over SQS), ship and cancel. */
final class OrderRoutes {

    static final String ANY_ORDER_SCOPE = "orders:write";
    /** The one listing offered: the orders awaiting their payment's result, which the payment-deadline index holds. */
    static final String AWAITING_PAYMENT = "eq(status,processing)";

    private final FulfillingOrders orders;
    private final PayingForOrder paying;

    private final Idempotency idempotency;

    @Inject
    OrderRoutes(FulfillingOrders orders, PayingForOrder paying, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.orders = orders;
        this.paying = paying;
    }

    Router router() {
        return new Router(idempotency)
                .route("GET /v2/orders", this::list)
                .route("GET /v2/orders/{order_id}", this::get)
                .route("POST /v2/orders/{order_id}/payments", this::pay)
                .route("PUT /v2/orders/{order_id}", this::update);
    }

    private HttpResponse get(HttpRequest request) {
        return orders.read(orderId(request), access(request))
                .map(order -> JsonApi.data(200, OrderDocuments.order(order)))
                .orElseThrow(OrderRoutes::noOrder);
    }

    /**
     * {@code GET /v2/orders?filter=eq(status,processing)}: any customer's orders awaiting their
     * payment's result, paged. Other filters would need a scan of every order, so they are refused.
     */
    private HttpResponse list(HttpRequest request) {
        // The route's own scope says so too, but every customer's orders are listed here: this
        // function does not rely on the gateway alone, as it does not for one order.
        if (!request.caller().has(ANY_ORDER_SCOPE)) {
            throw new ApiError(403, "Forbidden", "listing orders needs the scope " + ANY_ORDER_SCOPE);
        }
        Optional<String> filter = request.query("filter");
        if (filter.isEmpty()) {
            throw ApiError.badRequest("give filter=" + AWAITING_PAYMENT + ": only the orders awaiting payment can be listed");
        }
        if (!filter.get().replace(" ", "").equals(AWAITING_PAYMENT)) {
            throw ApiError.badRequest("filter supports only " + AWAITING_PAYMENT + " (the orders awaiting payment)");
        }
        PageRequest asked = Paging.request(request);
        int limit = asked.limit();
        Page<Order> page = Paging.read(() -> orders.awaitingPayment(asked));
        return JsonApi.respond(200, Paging.document(page, OrderDocuments::order, "/v2/orders",
                "filter=" + URLEncoder.encode(AWAITING_PAYMENT, StandardCharsets.UTF_8), limit));
    }

    private HttpResponse pay(HttpRequest request) {
        OrderId id = orderId(request);
        JsonObject data = request.data();
        String gateway = data.string("gateway", 1, 64);
        if (!gateway.equals("manual")) {
            throw ApiError.badRequest("data.gateway must be \"manual\"");
        }
        String method = data.optionalString("method").orElse("purchase");
        if (!method.equals("purchase")) {
            throw ApiError.badRequest("data.method must be \"purchase\"");
        }
        String token = data.string("payment", 1, 255);
        PayingForOrder.Outcome outcome = paying.pay(new PayForOrder(id, request.caller().actor(), token));
        if (outcome instanceof PayingForOrder.Outcome.Processing processing) {
            return JsonApi.data(202, OrderDocuments.order(processing.order()));
        }
        if (outcome instanceof PayingForOrder.Outcome.InsufficientStock) {
            throw OrderDocuments.insufficientStock("pay for this order");
        }
        if (outcome instanceof PayingForOrder.Outcome.NotFound) {
            throw noOrder();
        }
        if (outcome instanceof PayingForOrder.Outcome.GatewayUnavailable) {
            throw new ApiError(503, "Service Unavailable", "the payment gateway refused the request; nothing stays allocated; try again");
        }
        if (outcome instanceof PayingForOrder.Outcome.NotPayable) {
            throw ApiError.conflict("only an unpaid order that is not already processing can be paid");
        }
        throw ApiError.conflict("the order kept changing while it was being paid; try again");
    }

    private HttpResponse update(HttpRequest request) {
        OrderId id = orderId(request);
        JsonObject data = request.data();
        Optional<String> type = data.optionalString("type");
        if (type.isEmpty() || !type.get().equals("order")) {
            throw ApiError.badRequest("data.type must be \"order\"");
        }
        Optional<String> shipping = data.optionalString("shipping");
        Optional<String> status = data.optionalString("status");
        if (shipping.isPresent() == status.isPresent()) {
            throw ApiError.badRequest("give exactly one of data.shipping (\"fulfilled\") and data.status (\"cancelled\")");
        }
        OrderSteps.Outcome outcome;
        String refused;
        if (shipping.isPresent()) {
            if (!shipping.get().equals("fulfilled")) {
                throw ApiError.badRequest("data.shipping must be \"fulfilled\"");
            }
            outcome = orders.ship(id, access(request));
            refused = "only a paid order that has not shipped and is not cancelled can be shipped";
        } else {
            if (!status.get().equals("cancelled")) {
                throw ApiError.badRequest("data.status must be \"cancelled\"");
            }
            outcome = orders.cancel(id, access(request));
            refused = "an order that has shipped cannot be cancelled";
        }
        if (outcome instanceof OrderSteps.Outcome.Stepped stepped) {
            return JsonApi.data(200, OrderDocuments.order(stepped.after()));
        }
        if (outcome instanceof OrderSteps.Outcome.NotFound) {
            throw noOrder();
        }
        if (outcome instanceof OrderSteps.Outcome.NotAllowed) {
            throw ApiError.conflict(refused);
        }
        throw ApiError.conflict("the order kept changing while this change was made; try again");
    }

    /**
     * Fulfilment and fraud staff ({@code orders:write}) reach any order; a shopper only their own,
     * and anyone else's answers as if it did not exist. Paying is always for one's own order.
     */
    private static OrderAccess access(HttpRequest request) {
        Caller caller = request.caller();
        return caller.has(ANY_ORDER_SCOPE) ? OrderAccess.anyOrder(caller.actor()) : OrderAccess.ownOrders(caller.actor());
    }

    private static OrderId orderId(HttpRequest request) {
        OrderId id = new OrderId(request.id("order_id"));
        Telemetry.orderId(id.value());
        return id;
    }

    private static ApiError noOrder() {
        return ApiError.notFound("there is no such order");
    }
}
