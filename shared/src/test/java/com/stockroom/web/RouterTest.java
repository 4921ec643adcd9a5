package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockroom.QuietStderr;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(QuietStderr.class)
class RouterTest {

    private static final String GET_ONE = "GET /v2/inventories/{product_id}";
    private static final String POST_ONE = "POST /v2/inventories/{product_id}";


    private static Map<String, Object> admin() {
        return HttpEvents.verified("admin-1", "back-office", "inventory:read inventory:write");
    }

    private static Map<String, Object> event(String routeKey) {
        return event(routeKey, admin());
    }

    private static Map<String, Object> event(String routeKey, Map<String, Object> authorizer) {
        return request(routeKey, authorizer).build();
    }

    private static HttpEvents.Builder request(String routeKey, Map<String, Object> authorizer) {
        return HttpEvents.event()
                .routeKey(routeKey)
                .rawPath("/v2/inventories/sku-1")
                .method("GET")
                .authorizer(authorizer)
                .pathParameters(Map.of("product_id", "sku-1"))
                .set("isBase64Encoded", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyError(HttpResponse response) throws Json.Malformed {
        Map<String, Object> body = (Map<String, Object>) Json.parse(response.body());
        assertThat(body).containsOnlyKeys("errors");
        List<Object> errors = (List<Object>) body.get("errors");
        assertThat(errors).hasSize(1);
        return (Map<String, Object>) errors.get(0);
    }

    @Test
    void a_known_route_key_is_sent_to_its_route() {
        AtomicReference<String> seen = new AtomicReference<>();
        Router router = new Router()
                .route(GET_ONE, request -> {
                    seen.set(request.id("product_id"));
                    return JsonApi.data(200, Map.of("id", request.id("product_id")));
                })
                .route(POST_ONE, request -> JsonApi.noContent());

        HttpResponse response = router.handle(event(GET_ONE));

        assertThat(seen.get()).isEqualTo("sku-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"data\":{\"id\":\"sku-1\"}}");
        assertThat(router.handle(event(POST_ONE)).statusCode()).isEqualTo(204);
    }

    @Test
    void an_unknown_route_key_answers_a_json_api_404() throws Exception {
        Router router = new Router().route(GET_ONE, request -> JsonApi.noContent());

        HttpResponse response = router.handle(event("DELETE /v2/inventories/{product_id}"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        Map<String, Object> error = onlyError(response);
        assertThat(error).containsEntry("status", 404L).containsEntry("title", "Not Found");
        assertThat((String) error.get("detail")).contains("/v2/inventories/sku-1");
    }

    @Test
    void a_missing_route_key_answers_a_json_api_404() throws Exception {
        Router router = new Router().route(GET_ONE, request -> JsonApi.noContent());

        HttpResponse response = router.handle(HttpEvents.event().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(onlyError(response)).containsEntry("status", 404L);
    }

    @Test
    void an_api_error_thrown_by_a_route_becomes_its_status_with_a_json_api_error_body() throws Exception {
        Router router = new Router().route(GET_ONE, request -> {
            throw ApiError.conflict("stock is still allocated");
        });

        HttpResponse response = router.handle(event(GET_ONE));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(onlyError(response)).containsExactly(
                Map.entry("status", 409L),
                Map.entry("title", "Conflict"),
                Map.entry("detail", "stock is still allocated"));
    }

    @Test
    void a_bad_path_id_in_a_route_becomes_a_json_api_400() throws Exception {
        Router router = new Router().route(GET_ONE, request -> {
            request.id("product_id");
            return JsonApi.noContent();
        });

        Map<String, Object> bad = request(GET_ONE, admin())
                .pathParameters(Map.of("product_id", "not/valid"))
                .build();
        HttpResponse response = router.handle(bad);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(onlyError(response)).containsEntry("status", 400L).containsEntry("title", "Bad Request");
    }

    @Test
    void a_runtime_exception_thrown_by_a_route_becomes_a_json_api_500_that_does_not_leak_its_message() throws Exception {
        Router router = new Router().route(GET_ONE, request -> {
            throw new IllegalStateException("secret internal detail");
        });

        HttpResponse response = router.handle(event(GET_ONE));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        Map<String, Object> error = onlyError(response);
        assertThat(error).containsEntry("status", 500L).containsEntry("title", "Internal Server Error");
        assertThat(response.body()).doesNotContain("secret internal detail");
    }

    @Test
    void defining_a_route_twice_throws() {
        Router router = new Router().route(GET_ONE, request -> JsonApi.noContent());

        assertThatThrownBy(() -> router.route(GET_ONE, request -> JsonApi.data(200, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(GET_ONE);
    }

    @Test
    void defining_a_route_twice_keeps_the_first() {
        Router router = new Router().route(GET_ONE, request -> JsonApi.noContent());
        try {
            router.route(GET_ONE, request -> JsonApi.data(200, Map.of()));
        } catch (IllegalArgumentException expected) {
            // as defining_a_route_twice_throws says
        }

        assertThat(router.handle(event(GET_ONE)).statusCode()).isEqualTo(204);
    }

    @Test
    void a_request_that_no_authorizer_verified_is_refused_with_401_and_the_route_never_runs() throws Exception {
        AtomicReference<String> ran = new AtomicReference<>();
        Router router = new Router().route(GET_ONE, request -> {
            ran.set("ran");
            return JsonApi.noContent();
        });

        HttpResponse response = router.handle(event(GET_ONE, null));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"stockroom\"")
                .containsEntry("Content-Type", "application/json");
        assertThat(onlyError(response)).containsEntry("status", 401L).containsEntry("title", "Unauthorized");
        assertThat(ran.get()).isNull();
    }

    @Test
    void a_token_without_a_subject_counts_as_no_verified_caller() {
        Router router = new Router().route(GET_ONE, request -> JsonApi.noContent());
        Map<String, Object> noSubject = HttpEvents.jwt(Map.of("client_id", "app", "scope", "inventory:read"), List.of("inventory:read"));

        assertThat(router.handle(event(GET_ONE, noSubject)).statusCode()).isEqualTo(401);
    }

    @Test
    void the_route_sees_the_verified_caller_its_subject_client_and_scopes() {
        AtomicReference<Caller> seen = new AtomicReference<>();
        Router router = new Router().route(GET_ONE, request -> {
            seen.set(request.caller());
            return JsonApi.noContent();
        });

        router.handle(event(GET_ONE, HttpEvents.verified("shopper-7", "storefront", "carts orders")));

        assertThat(seen.get()).isEqualTo(new Caller("shopper-7", java.util.Optional.of("storefront"), java.util.Set.of("carts", "orders")));
        assertThat(seen.get().has("orders")).isTrue();
        assertThat(seen.get().has("orders:write")).isFalse();
        assertThat(seen.get().actor().subject()).isEqualTo("shopper-7");
    }
}
