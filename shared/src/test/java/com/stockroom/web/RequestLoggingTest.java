package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.DependencyUnavailable;
import com.stockroom.common.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request the router answers is one log line, under a correlation id the answer carries back. */
class RequestLoggingTest {

    private static final String GET_ONE = "GET /v2/inventories/{product_id}";

    private final List<String> lines = new ArrayList<>();
    private Consumer<String> before;

    @BeforeEach
    void capture() {
        before = Telemetry.sink(lines::add);
        Telemetry.enter(new Telemetry.Function("InventoryApiFunction", Telemetry.Level.INFO), "lambda-request-1");
    }

    @AfterEach
    void restore() {
        Telemetry.leave();
        Telemetry.sink(before);
    }

    private static HttpEvents.Builder request() {
        return HttpEvents.event().routeKey(GET_ONE).rawPath("/v2/inventories/sku-1").method("GET")
                .verified("admin-1", "back-office", "inventory:read").pathParameters(Map.of("product_id", "sku-1"))
                .requestId("apigw-request-1");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyLine() throws Json.Malformed {
        assertThat(lines).hasSize(1);
        return (Map<String, Object>) Json.parse(lines.get(0));
    }

    private static Router router() {
        return new Router().route(GET_ONE, request -> JsonApi.data(200, Json.object("id", request.id("product_id"))));
    }

    @Test
    void a_well_formed_correlation_id_from_the_caller_is_logged_and_answered_back() throws Exception {
        HttpResponse response = router().handle(request().header("x-correlation-id", "checkout-7f3a:1").build());

        assertThat(response.headers()).containsEntry("X-Correlation-Id", "checkout-7f3a:1");
        assertThat(onlyLine()).containsEntry("correlation_id", "checkout-7f3a:1").containsEntry("route", GET_ONE)
                .containsEntry("status", 200L).containsEntry("function", "InventoryApiFunction").containsKey("latency_ms");
    }

    @Test
    void without_one_or_with_a_malformed_one_the_api_gateway_request_id_is_the_correlation_id() throws Exception {
        for (String malformed : List.of("has space", "quote\"", "x".repeat(129), "", "é")) {
            lines.clear();
            HttpResponse response = router().handle(request().header("X-Correlation-Id", malformed).build());
            assertThat(response.headers()).as(malformed).containsEntry("X-Correlation-Id", "apigw-request-1");
            assertThat(onlyLine()).as(malformed).containsEntry("correlation_id", "apigw-request-1");
        }
        lines.clear();
        assertThat(router().handle(request().build()).headers()).containsEntry("X-Correlation-Id", "apigw-request-1");
    }

    @Test
    void an_unknown_route_a_refusal_and_an_unavailable_dependency_are_each_one_line_with_their_status() throws Exception {
        Router router = router().route("GET /v2/inventories", request -> {
            throw new DependencyUnavailable("reading stock", false, java.time.Duration.ofSeconds(1), new RuntimeException("down"));
        });

        router.handle(request().routeKey("GET /nowhere").build());
        assertThat(onlyLine()).containsEntry("status", 404L).containsEntry("level", "INFO");
        lines.clear();
        router.handle(request().pathParameters(Map.of("product_id", "not ok")).build());
        assertThat(onlyLine()).containsEntry("status", 400L);
        lines.clear();
        router.handle(request().routeKey("GET /v2/inventories").build());
        assertThat(onlyLine()).containsEntry("status", 503L).containsEntry("level", "WARN").containsKey("error");
    }

    @Test
    void a_bug_is_one_error_line_with_what_was_thrown_and_where() throws Exception {
        Router router = new Router().route(GET_ONE, request -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse response = router.handle(request().build());

        assertThat(response.statusCode()).isEqualTo(500);
        Map<String, Object> line = onlyLine();
        assertThat(line).containsEntry("level", "ERROR").containsEntry("status", 500L);
        assertThat((String) line.get("error")).startsWith("java.lang.IllegalStateException: boom at ");
    }
}
