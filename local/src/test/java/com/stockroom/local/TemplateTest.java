package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What template.yaml must say for the deployed stack to behave as the local one does. */
class TemplateTest {

    private static Template template;

    @BeforeAll
    static void read() throws Exception {
        template = Template.read(Path.of(System.getProperty("stockroom.template", "../template.yaml")));
    }

    @Test
    void every_function_names_a_handler_class_that_lambda_can_run() throws Exception {
        Map<String, Map<String, Object>> functions = template.resources("AWS::Serverless::Function");
        assertThat(functions).isNotEmpty();
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            String handler = String.valueOf(function.getValue().get("Handler"));
            // Named by its class alone, a stream handler is called through the interface, not by reflection.
            assertThat(handler).as(function.getKey()).doesNotContain("::");
            Class<?> type = Class.forName(handler);
            assertThat(RequestStreamHandler.class).as(function.getKey() + " reads its event's bytes itself").isAssignableFrom(type);
            assertThat(type.getConstructor()).as(function.getKey() + " needs the constructor Lambda calls").isNotNull();
            assertThat(String.valueOf(function.getValue().get("CodeUri"))).endsWith(".jar");
        }
    }

    @Test
    void every_queue_and_stream_consumer_reports_partial_batch_failures() {
        int consumers = 0;
        for (Map<String, Object> function : template.resources("AWS::Serverless::Function").values()) {
            for (Map<String, Object> event : Template.mapOfMaps(function.get("Events")).values()) {
                if (List.of("SQS", "DynamoDB").contains(event.get("Type"))) {
                    consumers++;
                    assertThat(Template.properties(event).get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
                }
            }
        }
        assertThat(consumers).isEqualTo(2);
    }

    @Test
    void the_payment_results_queue_outlasts_six_function_timeouts_and_redrives_after_at_least_five_receives() {
        Map<String, Object> results = template.resources("AWS::SQS::Queue").get("PaymentResults");
        Map<String, Object> function = template.resources("AWS::Serverless::Function").get("PaymentResultsFunction");
        Object timeout = function.getOrDefault("Timeout", template.functionGlobals().get("Timeout"));
        assertThat(((Number) results.get("VisibilityTimeout")).intValue()).isGreaterThanOrEqualTo(6 * ((Number) timeout).intValue());
        Map<?, ?> redrive = (Map<?, ?>) results.get("RedrivePolicy");
        assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).isGreaterThanOrEqualTo(5);
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("PaymentResultsDeadLetters", "Arn")));
        assertThat(template.resources("AWS::SQS::QueuePolicy")).containsKey("PaymentResultsPolicy");
    }

    @Test
    void the_stock_stream_feeds_the_history_with_bounded_retries_bisection_and_an_on_failure_queue() {
        Map<String, Object> table = template.resources("AWS::DynamoDB::Table").get("StockTable");
        assertThat(table.get("StreamSpecification")).isEqualTo(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        Map<String, Object> stream = Template.properties(Template.mapOfMaps(
                template.resources("AWS::Serverless::Function").get("StockHistoryFunction").get("Events")).get("StockChanges"));
        assertThat(stream.get("BisectBatchOnFunctionError")).isEqualTo(true);
        assertThat(((Number) stream.get("MaximumRetryAttempts")).intValue()).isBetween(1, 100);
        assertThat(((Map<?, ?>) ((Map<?, ?>) stream.get("DestinationConfig")).get("OnFailure")).get("Type")).isEqualTo("SQS");
    }

    @Test
    void every_http_api_route_sits_behind_the_jwt_authorizer_and_all_but_the_default_route_name_their_scopes() {
        Intrinsics intrinsics = new Intrinsics(template, Map.of("JwtIssuer", "http://127.0.0.1:3000"));
        HttpApis apis = HttpApis.read(template, intrinsics);
        JwtAuthorizer.Configuration expected = new JwtAuthorizer.Configuration("http://127.0.0.1:3000", List.of("stockroom"), "Authorization");
        int routes = 0;
        for (Map<String, Object> function : template.resources("AWS::Serverless::Function").values()) {
            for (Map<String, Object> event : Template.mapOfMaps(function.get("Events")).values()) {
                if (!"HttpApi".equals(event.get("Type"))) {
                    continue;
                }
                routes++;
                Map<String, Object> properties = Template.properties(event);
                HttpApis.Access access = apis.access(properties);
                assertThat(access.authorizer()).as(properties.get("Path").toString()).contains(expected);
                if (properties.get("Path").equals("$default")) {
                    assertThat(access.scopes()).isEmpty();
                } else {
                    assertThat(access.scopes()).as(properties.get("Method") + " " + properties.get("Path")).isNotEmpty();
                }
            }
        }
        assertThat(routes).isGreaterThan(10);
        assertThat(apis.scopes()).containsExactly("carts", "inventory:read", "inventory:write", "orders", "orders:write");
        assertThat(apis.audience()).contains("stockroom");
    }

    /** DESIGN.md's "Who may do what": the scopes each route must ask for, and no others. */
    private static final Map<String, List<String>> SCOPES = Map.ofEntries(
            Map.entry("POST /v2/inventories/{product_id}", List.of("inventory:write")),
            Map.entry("GET /v2/inventories/{product_id}", List.of("inventory:read")),
            Map.entry("PUT /v2/inventories/{product_id}", List.of("inventory:write")),
            Map.entry("GET /v2/inventories", List.of("inventory:read")),
            Map.entry("POST /v2/inventories/multiple", List.of("inventory:read")),
            Map.entry("DELETE /v2/inventories/{product_id}", List.of("inventory:write")),
            Map.entry("POST /v2/inventories/{product_id}/transactions", List.of("inventory:write")),
            Map.entry("GET /v2/inventories/{product_id}/transactions", List.of("inventory:read")),
            Map.entry("GET /v2/inventories/{product_id}/transactions/{transaction_id}", List.of("inventory:read")),
            Map.entry("GET /v2/inventories/{product_id}/audit", List.of("inventory:read")),
            Map.entry("POST /v2/carts/{cart_ref}/items", List.of("carts")),
            Map.entry("PUT /v2/carts/{cart_ref}/items/{item_id}", List.of("carts")),
            Map.entry("DELETE /v2/carts/{cart_ref}/items/{item_id}", List.of("carts")),
            Map.entry("GET /v2/carts/{cart_ref}/items", List.of("carts")),
            Map.entry("POST /v2/carts/{cart_ref}/checkout", List.of("carts")),
            Map.entry("GET /v2/orders", List.of("orders:write")),
            Map.entry("GET /v2/orders/{order_id}", List.of("orders", "orders:write")),
            Map.entry("POST /v2/orders/{order_id}/payments", List.of("orders")),
            Map.entry("PUT /v2/orders/{order_id}", List.of("orders:write")),
            Map.entry("ANY $default", List.of()));

    @Test
    void each_route_asks_for_exactly_the_scopes_the_design_gives_it() {
        HttpApis apis = HttpApis.read(template, new Intrinsics(template, Map.of("JwtIssuer", "http://127.0.0.1:3000")));
        Map<String, List<String>> declared = new TreeMap<>();
        for (Map<String, Object> function : template.resources("AWS::Serverless::Function").values()) {
            for (Map<String, Object> event : Template.mapOfMaps(function.get("Events")).values()) {
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> properties = Template.properties(event);
                    declared.put(properties.get("Method") + " " + properties.get("Path"), List.copyOf(apis.access(properties).scopes()));
                }
            }
        }
        assertThat(declared).isEqualTo(new TreeMap<>(SCOPES));
    }

    @Test
    void the_http_api_allows_the_storefront_origins_the_parameter_lists() {
        HttpApis apis = HttpApis.read(template, new Intrinsics(template, Map.of("JwtIssuer", "http://127.0.0.1:3000",
                "CorsAllowedOrigins", "https://shop.example,https://admin.example")));
        Cors cors = apis.cors().orElseThrow();
        assertThat(cors.allowOrigins()).containsExactly("https://shop.example", "https://admin.example");
        assertThat(cors.allowHeaders()).contains("authorization", "content-type", "idempotency-key");
        assertThat(cors.exposeHeaders()).contains("www-authenticate", "retry-after");
        assertThat(cors.maxAge()).isPresent();
    }

    @Test
    void a_route_can_opt_out_of_the_default_authorizer_or_name_its_own() {
        Template custom = Template.read(new ByteArrayInputStream("""
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: Main
                        Authorizers:
                          Main: { JwtConfiguration: { issuer: https://main.example, audience: [one] } }
                          Other: { IdentitySource: $request.header.X-Token, JwtConfiguration: { issuer: https://other.example, audience: [two] } }
                """.getBytes(StandardCharsets.UTF_8)));
        HttpApis apis = HttpApis.read(custom, new Intrinsics(custom, Map.of()));
        Map<String, Object> api = Map.of("Ref", "Api");
        assertThat(apis.access(Map.of("ApiId", api, "Auth", Map.of("Authorizer", "NONE"))).authorizer()).isEmpty();
        assertThat(apis.access(Map.of("ApiId", api)).authorizer().orElseThrow().issuer()).isEqualTo("https://main.example");
        HttpApis.Access other = apis.access(Map.of("ApiId", api, "Auth", Map.of("Authorizer", "Other", "AuthorizationScopes", List.of("s"))));
        assertThat(other.authorizer().orElseThrow()).isEqualTo(new JwtAuthorizer.Configuration("https://other.example", List.of("two"), "X-Token"));
        assertThat(other.scopes()).containsExactly("s");
        assertThat(apis.access(Map.of()).authorizer()).as("SAM's implicit API has no authorizer").isEmpty();
    }

    @Test
    void functions_start_from_snapstart_snapshots_of_published_versions() {
        assertThat(template.functionGlobals().get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(template.functionGlobals().get("AutoPublishAlias")).isNotNull();
    }

    @Test
    void every_function_logs_json_with_levels_to_a_log_group_of_its_own() {
        Map<String, Map<String, Object>> functions = template.resources("AWS::Serverless::Function");
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            Map<String, Object> logging = new TreeMap<>(Template.mapOfMaps(template.functionGlobals()).get("LoggingConfig"));
            logging.putAll(Template.mapOfMaps(function.getValue()).getOrDefault("LoggingConfig", Map.of()));
            assertThat(logging).as(function.getKey()).containsEntry("LogFormat", "JSON")
                    .containsEntry("ApplicationLogLevel", "INFO").containsKeys("SystemLogLevel", "LogGroup");
        }
    }

    @Test
    void the_local_stack_hands_each_function_its_log_level_as_lambda_does() {
        Map<String, Map<String, Object>> functions = template.resources("AWS::Serverless::Function");
        Intrinsics intrinsics = new Intrinsics(template, Map.of());
        template.resources().keySet().forEach(id -> intrinsics.define(id, id, Map.of()));
        Map<String, Object> function = functions.get("OrdersApiFunction");
        LocalFunction local = LocalStack.function("OrdersApiFunction", function, template.functionGlobals(), intrinsics, 0,
                java.net.URI.create("http://127.0.0.1:9"), java.net.URI.create("http://127.0.0.1:9"), java.net.URI.create("http://127.0.0.1:9"));
        assertThat(local.environment()).containsEntry("AWS_LAMBDA_LOG_LEVEL", "INFO").containsEntry("AWS_LAMBDA_LOG_FORMAT", "JSON");
    }
}
