package com.stockroom.web;

import com.stockroom.common.DependencyUnavailable;
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

    public HttpResponse handle(HttpRequest request) {
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
            System.err.println("Dependency unavailable on " + request.routeKey() + ": " + unavailable.getMessage());
            return JsonApi.unavailable(unavailable);
        } catch (RuntimeException bug) {
            System.err.println("Unhandled error on " + request.routeKey() + ": " + bug);
            bug.printStackTrace();
            return JsonApi.error(new ApiError(500, "Internal Server Error", "the request could not be completed"));
        }
    }
}
