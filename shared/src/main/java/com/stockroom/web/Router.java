package com.stockroom.web;

import com.stockroom.common.DependencyUnavailable;
import com.stockroom.common.Telemetry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends each HTTP API request to its route by the route key API Gateway matched
 * ({@code POST /v2/inventories/{product_id}}), and turns every failure into a JSON:API error:
 * an {@link ApiError} into its own status, anything unexpected into a logged 500. No route is
 * served to a request that carries no verified caller: that is a 401, whatever the route. A
 * dependency that stayed unavailable through every retry is a 503 (429 if it was throttling us)
 * with {@code Retry-After}, never a 500.
 */
public final class Router {

    /** The header that carries a request's correlation id, in and out. */
    public static final String CORRELATION_ID = "X-Correlation-Id";

    private final Map<String, Function<HttpRequest, HttpResponse>> routes = new HashMap<>();
    private final Optional<Idempotency> idempotency;

    /** A router whose POST and PUT routes honour {@code Idempotency-Key}, keeping answers in {@code idempotency}. */
    public Router(Idempotency idempotency) {
        this.idempotency = Optional.of(idempotency);
    }

    /** A router without idempotency keys. */
    public Router() {
        this.idempotency = Optional.empty();
    }

    public Router route(String routeKey, Function<HttpRequest, HttpResponse> route) {
        if (routes.putIfAbsent(routeKey, route) != null) {
            throw new IllegalArgumentException("route " + routeKey + " is defined twice");
        }
        return this;
    }

    /** Answers an HTTP API event, given as its parsed JSON. */
    public HttpResponse handle(Map<String, Object> event) {
        return handle(new HttpRequest(event));
    }

    /**
     * Answers one request and logs it as one line: its route, what it answered and how long it
     * took, under its correlation id, which the answer carries back in {@code X-Correlation-Id}.
     */
    public HttpResponse handle(HttpRequest request) {
        String correlationId = request.correlationId();
        Telemetry.Event event = Telemetry.begin().route(request.routeKey()).correlationId(correlationId);
        HttpResponse response = answer(request, event);
        if (correlationId != null) {
            response = response.withHeader(CORRELATION_ID, correlationId);
        }
        event.status(response.statusCode()).end();
        return response;
    }

    private HttpResponse answer(HttpRequest request, Telemetry.Event event) {
        Function<HttpRequest, HttpResponse> route = routes.get(request.routeKey());
        if (route == null) {
            return JsonApi.error(ApiError.notFound("there is no route " + request.method() + " " + request.path()));
        }
        try {
            request.caller();
            if (idempotency.isPresent()) {
                return idempotency.get().handle(request, () -> route.apply(request));
            }
            return route.apply(request);
        } catch (ApiError error) {
            return JsonApi.error(error);
        } catch (DependencyUnavailable unavailable) {
            event.error("dependency unavailable: " + unavailable.getMessage());
            return JsonApi.unavailable(unavailable);
        } catch (RuntimeException bug) {
            event.error(Telemetry.describe(bug));
            return JsonApi.error(new ApiError(500, "Internal Server Error", "the request could not be completed"));
        }
    }
}
