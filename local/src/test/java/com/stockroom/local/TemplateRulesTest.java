package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * template.yaml keeps the rules of {@link TemplateRules}; and each rule notices the fault it is
 * about when a copy of the template is broken in memory, with no other rule firing unless the
 * fault is also theirs. Needs the function jars (mvn install).
 */
class TemplateRulesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path TEMPLATE = Path.of(System.getProperty("stockroom.template", "../template.yaml"));

    private static Template template() throws Exception {
        return Template.read(TEMPLATE);
    }

    private static TemplateRules rules(Template template) {
        return new TemplateRules(template, ROOT);
    }

    /** The rules that fire on a copy of the template broken by {@code breaking}, with their faults. */
    private static Map<String, List<String>> firing(Consumer<Template> breaking) throws Exception {
        Template broken = template();
        breaking.accept(broken);
        Map<String, List<String>> all = rules(broken).all();
        all.values().removeIf(List::isEmpty);
        return all;
    }

    private static Map<String, Object> function(Template template, String id) {
        return template.resources(TemplateRules.FUNCTION).get(id);
    }

    private static Map<String, Object> event(Template template, String function, String event) {
        return Template.properties(Template.mapOfMaps(function(template, function).get("Events")).get(event));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Template template, String function) {
        return (Map<String, Object>) ((Map<String, Object>) function(template, function).get("Environment")).get("Variables");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> policies(Template template, String function) {
        return (List<Object>) function(template, function).get("Policies");
    }

    // ---- the real template

    @Test
    void every_handler_is_in_its_jar_and_answers_its_triggers_event_as_the_trigger_expects() throws Exception {
        assertThat(rules(template()).handlers()).isEmpty();
    }

    @Test
    void every_ref_getatt_and_sub_names_something_that_exists() throws Exception {
        assertThat(rules(template()).references()).isEmpty();
    }

    @Test
    void every_environment_variable_a_functions_code_requires_is_set_for_it() throws Exception {
        TemplateRules rules = rules(template());
        assertThat(rules.environment()).isEmpty();
        // Read as optional, with a fallback: listed, never a fault.
        assertThat(rules.optionalUnset()).containsOnlyKeys(rules.functions().keySet());
    }

    @Test
    void every_function_is_granted_what_its_code_calls_and_no_more() throws Exception {
        assertThat(rules(template()).permissions()).isEmpty();
    }

    @Test
    void every_queue_and_stream_consumer_reports_batch_failures_and_bounds_its_retries() throws Exception {
        assertThat(rules(template()).consumers()).isEmpty();
    }

    @Test
    void every_consumed_queue_outlasts_six_timeouts_of_its_consumer() throws Exception {
        assertThat(rules(template()).visibilityTimeouts()).isEmpty();
    }

    @Test
    void the_code_reading_finds_the_calls_each_function_makes() throws Exception {
        TemplateRules rules = rules(template());
        FunctionCode carts = rules.code(function(template(), "CartsApiFunction"));
        assertThat(carts.calls()).anySatisfy(call -> {
            assertThat(call.iamAction()).isEqualTo("dynamodb:ConditionCheckItem");
            assertThat(call.variable()).isEqualTo("STOCK_TABLE");
        });
        FunctionCode inventory = rules.code(function(template(), "InventoryApiFunction"));
        assertThat(inventory.calls()).filteredOn(call -> call.variable().equals("STOCK_HISTORY_TABLE"))
                .extracting(FunctionCode.Call::iamAction).isNotEmpty().doesNotContainAnyElementsOf(TemplateRules.DYNAMODB_WRITES);
        FunctionCode timeouts = rules.code(function(template(), "PaymentTimeoutsFunction"));
        assertThat(timeouts.required()).doesNotContain("PAYMENT_RESULTS_DLQ_URL", "PAYMENT_REQUESTS_QUEUE_URL");
        assertThat(timeouts.calls()).extracting(FunctionCode.Call::service).containsOnly("dynamodb");
        FunctionCode results = rules.code(function(template(), "PaymentResultsFunction"));
        assertThat(results.required()).contains("PAYMENT_RESULTS_DLQ_URL", "PAYMENT_REQUESTS_QUEUE_URL", "ORDERS_TABLE");
        assertThat(results.unresolved()).isEmpty();
        FunctionCode history = rules.code(function(template(), "StockHistoryFunction"));
        assertThat(history.calls()).anySatisfy(call -> {
            assertThat(call.iamAction()).isEqualTo("events:PutEvents");
            assertThat(call.variable()).isEqualTo("STOCK_EVENT_BUS");
        });
        assertThat(history.required()).contains("STOCK_EVENT_BUS");
        assertThat(rules.code(function(template(), "InventoryApiFunction")).calls()).extracting(FunctionCode.Call::service)
                .doesNotContain("events");
    }

    // ---- broken copies

    @Test
    void swapped_handlers_name_no_class_in_their_jars() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            Object inventory = function(t, "InventoryApiFunction").get("Handler");
            function(t, "InventoryApiFunction").put("Handler", function(t, "StockHistoryFunction").get("Handler"));
            function(t, "StockHistoryFunction").put("Handler", inventory);
        });
        assertThat(firing).containsOnlyKeys("handlers");
        assertThat(firing.get("handlers")).hasSize(2).allMatch(f -> f.contains("names no class in its CodeUri jar"))
                .anyMatch(f -> f.startsWith("InventoryApiFunction: Handler com.stockroom.functions.history.StockHistoryHandler"));
    }

    @Test
    void a_handler_that_names_its_method_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> function(t, "InventoryApiFunction").put("Handler",
                "com.stockroom.functions.inventory.InventoryApiHandler::handleRequest"));
        assertThat(firing).containsKey("handlers");
        assertThat(firing.get("handlers")).singleElement().asString()
                .startsWith("InventoryApiFunction: Handler com.stockroom.functions.inventory.InventoryApiHandler::handleRequest names a method");
    }

    @Test
    void a_schedule_handler_behind_a_queue_answers_no_batch_failures() throws Exception {
        Map<String, List<String>> firing = firing(t -> function(t, "PaymentResultsFunction").put("Handler",
                "com.stockroom.functions.payments.PaymentTimeoutsHandler"));
        // Its code also never sends to the two queues the function's policies grant.
        assertThat(firing).containsOnlyKeys("handlers", "permissions");
        assertThat(firing.get("handlers")).singleElement().asString()
                .startsWith("PaymentResultsFunction: com.stockroom.functions.payments.PaymentTimeoutsHandler")
                .containsAnyOf("not {\"batchItemFailures\":[]}", "fails on a SQS event");
        assertThat(firing.get("permissions")).containsExactlyInAnyOrder(
                "PaymentResultsFunction: its policies grant access to PaymentResultsDeadLetters, which its code never uses",
                "PaymentResultsFunction: its policies grant access to PaymentRequests, which its code never uses");
    }

    @Test
    void a_dangling_ref_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> Template.mapOfMaps(rootSection(t, "Outputs"))
                .put("Broken", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Ref", "NoSuchTable")))));
        assertThat(firing).containsOnlyKeys("references");
        assertThat(firing.get("references")).containsExactly("Outputs.Broken.Value: Ref NoSuchTable is no parameter, resource or pseudo parameter");
    }

    @Test
    void a_dangling_getatt_or_an_attribute_its_resource_has_not_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            Map<String, Map<String, Object>> outputs = Template.mapOfMaps(rootSection(t, "Outputs"));
            outputs.put("NoResource", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::GetAtt", List.of("NoSuchQueue", "Arn")))));
            outputs.put("NoAttribute", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::GetAtt", List.of("PaymentResults", "StreamArn")))));
        });
        assertThat(firing).containsOnlyKeys("references");
        assertThat(firing.get("references")).containsExactlyInAnyOrder(
                "Outputs.NoResource.Value: Fn::GetAtt NoSuchQueue.Arn names no resource NoSuchQueue",
                "Outputs.NoAttribute.Value: Fn::GetAtt PaymentResults.StreamArn: a AWS::SQS::Queue has no attribute StreamArn");
    }

    @Test
    void every_form_of_sub_is_checked_and_a_subs_own_variables_count() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            Map<String, Map<String, Object>> outputs = Template.mapOfMaps(rootSection(t, "Outputs"));
            outputs.put("Fine", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::Sub", List.of(
                    "${Table}-${AWS::Region}-${AWS::AccountId}-${StockTable}-${StockTable.Arn}-${!Literal}", Map.of("Table", Map.of("Ref", "StockTable")))))));
            outputs.put("Pseudo", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::Sub", "${AWS::Regoin}"))));
            outputs.put("Name", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::Sub", "${StockTabel}"))));
            outputs.put("Attribute", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::Sub", "${NoSuchTable.Arn}"))));
            outputs.put("ListForm", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::Sub", List.of("${Own}/${Other}", Map.of("Own", "x"))))));
            outputs.put("InsideVariables", new java.util.LinkedHashMap<>(Map.of("Value", Map.of("Fn::Sub", List.of("${Own}", Map.of("Own", Map.of("Ref", "Nothing")))))));
        });
        assertThat(firing).containsOnlyKeys("references");
        assertThat(firing.get("references")).containsExactlyInAnyOrder(
                "Outputs.Pseudo.Value: Fn::Sub ${AWS::Regoin} is no parameter, resource, pseudo parameter or variable of the Sub",
                "Outputs.Name.Value: Fn::Sub ${StockTabel} is no parameter, resource, pseudo parameter or variable of the Sub",
                "Outputs.Attribute.Value: Fn::Sub ${NoSuchTable.Arn}: NoSuchTable.Arn names no resource NoSuchTable",
                "Outputs.ListForm.Value: Fn::Sub ${Other} is no parameter, resource, pseudo parameter or variable of the Sub",
                "Outputs.InsideVariables.Value.Fn::Sub[1].Own: Ref Nothing is no parameter, resource or pseudo parameter");
    }

    @Test
    void the_short_form_tags_parse_to_what_the_reference_rule_reads() throws Exception {
        Template parsed = Template.read(new java.io.ByteArrayInputStream("""
                Parameters:
                  Known: { Type: String }
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                Outputs:
                  A: { Value: !Ref Unknown }
                  B: { Value: !GetAtt Queue.Nope }
                  C: { Value: !Sub "${Known}-${Queue.Arn}-${Missing}" }
                  D: { Value: !Sub ["${V}-${AWS::Nope}", { V: !Ref Known }] }
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(new TemplateRules(parsed, ROOT).references()).containsExactlyInAnyOrder(
                "Outputs.A.Value: Ref Unknown is no parameter, resource or pseudo parameter",
                "Outputs.B.Value: Fn::GetAtt Queue.Nope: a AWS::SQS::Queue has no attribute Nope",
                "Outputs.C.Value: Fn::Sub ${Missing} is no parameter, resource, pseudo parameter or variable of the Sub",
                "Outputs.D.Value: Fn::Sub ${AWS::Nope} is no parameter, resource, pseudo parameter or variable of the Sub");
    }

    @Test
    void a_variable_the_code_requires_but_the_template_drops_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> variables(t, "PaymentResultsFunction").remove("PAYMENT_RESULTS_DLQ_URL"));
        assertThat(firing).containsOnlyKeys("environment");
        assertThat(firing.get("environment")).containsExactly(
                "PaymentResultsFunction: its code requires environment variable PAYMENT_RESULTS_DLQ_URL, which the template does not set for it");
    }

    @Test
    void a_global_variable_dropped_is_missed_by_every_function_that_requires_it() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) t.functionGlobals().get("Environment")).get("Variables");
            globals.remove("STOCK_HISTORY_TABLE");
        });
        assertThat(firing.get("environment")).containsExactlyInAnyOrder(
                "InventoryApiFunction: its code requires environment variable STOCK_HISTORY_TABLE, which the template does not set for it",
                "StockHistoryFunction: its code requires environment variable STOCK_HISTORY_TABLE, which the template does not set for it");
    }

    @Test
    void a_condition_check_without_its_grant_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> policies(t, "CartsApiFunction").removeIf(p -> p instanceof Map<?, ?> m && m.containsKey("Statement")));
        assertThat(firing).containsOnlyKeys("permissions");
        // Both places that check stock in a transaction: adding to a cart and checking out.
        assertThat(firing.get("permissions")).containsExactlyInAnyOrder(
                "CartsApiFunction: its code calls dynamodb:ConditionCheckItem on StockTable (DynamoDbCarts.transactWriteItems/StockMoves.availableAtLeast) but no policy grants it",
                "CartsApiFunction: its code calls dynamodb:ConditionCheckItem on StockTable (DynamoDbOrders.transactWriteItems/StockMoves.availableAtLeast) but no policy grants it");
    }

    @Test
    void a_dropped_policy_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> policies(t, "OrdersApiFunction").removeIf(p -> p instanceof Map<?, ?> m && m.containsKey("SQSSendMessagePolicy")));
        assertThat(firing).containsOnlyKeys("permissions");
        assertThat(firing.get("permissions")).singleElement().asString()
                .startsWith("OrdersApiFunction: its code calls sqs:SendMessage on PaymentRequests (SqsPaymentRequests.sendMessage)");
    }

    @Test
    void a_missing_events_policy_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> policies(t, "StockHistoryFunction")
                .removeIf(p -> p instanceof Map<?, ?> m && m.containsKey("EventBridgePutEventsPolicy")));
        assertThat(firing).containsOnlyKeys("permissions");
        assertThat(firing.get("permissions")).containsExactly(
                "StockHistoryFunction: its code calls events:PutEvents on StockEventBus (EventBridgeStockEvents.putEvents) but no policy grants it");
    }

    @Test
    void an_events_policy_for_a_bus_the_code_never_publishes_to_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> policies(t, "PaymentTimeoutsFunction")
                .add(Map.of("EventBridgePutEventsPolicy", Map.of("EventBusName", Map.of("Ref", "StockEventBus")))));
        assertThat(firing).containsOnlyKeys("permissions");
        assertThat(firing.get("permissions")).containsExactly(
                "PaymentTimeoutsFunction: its policies grant access to StockEventBus, which its code never uses");
    }

    @Test
    void a_dropped_bus_variable_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> variables(t, "StockHistoryFunction").remove("STOCK_EVENT_BUS"));
        assertThat(firing.get("environment")).containsExactly(
                "StockHistoryFunction: its code requires environment variable STOCK_EVENT_BUS, which the template does not set for it");
    }

    @Test
    void a_read_policy_where_the_code_writes_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            List<Object> policies = policies(t, "StockHistoryFunction");
            policies.set(0, Map.of("DynamoDBReadPolicy", Map.of("TableName", Map.of("Ref", "StockHistoryTable"))));
        });
        assertThat(firing).containsOnlyKeys("permissions");
        assertThat(firing.get("permissions")).containsExactly(
                "StockHistoryFunction: its code calls dynamodb:BatchWriteItem on StockHistoryTable (DynamoDbStockHistory.batchWriteItem) but no policy grants it");
    }

    @Test
    void write_access_to_a_table_the_code_only_reads_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            List<Object> policies = policies(t, "InventoryApiFunction");
            policies.set(1, Map.of("DynamoDBCrudPolicy", Map.of("TableName", Map.of("Ref", "StockHistoryTable"))));
        });
        assertThat(firing).containsOnlyKeys("permissions");
        assertThat(firing.get("permissions")).containsExactly(
                "InventoryApiFunction: its policies grant write access to StockHistoryTable, which its code only reads");
    }

    @Test
    void access_to_a_table_the_code_never_uses_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> policies(t, "PaymentTimeoutsFunction")
                .add(Map.of("DynamoDBReadPolicy", Map.of("TableName", Map.of("Ref", "CartsTable")))));
        assertThat(firing).containsOnlyKeys("permissions");
        assertThat(firing.get("permissions")).containsExactly(
                "PaymentTimeoutsFunction: its policies grant access to CartsTable, which its code never uses");
    }

    @Test
    void a_consumer_without_partial_batch_responses_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> event(t, "PaymentResultsFunction", "PaymentResult").remove("FunctionResponseTypes"));
        assertThat(firing).containsOnlyKeys("consumers");
        assertThat(firing.get("consumers")).singleElement().asString()
                .startsWith("PaymentResultsFunction event PaymentResult: no FunctionResponseTypes [ReportBatchItemFailures]");
    }

    @Test
    void a_consumed_queue_without_a_dead_letter_queue_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> t.resources("AWS::SQS::Queue").get("PaymentResults").remove("RedrivePolicy"));
        assertThat(firing).containsOnlyKeys("consumers");
        assertThat(firing.get("consumers")).singleElement().asString()
                .startsWith("PaymentResultsFunction event PaymentResult: queue PaymentResults has no RedrivePolicy");
    }

    @Test
    void a_stream_consumer_retrying_forever_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> {
            event(t, "StockHistoryFunction", "StockChanges").put("MaximumRetryAttempts", -1);
            event(t, "StockHistoryFunction", "StockChanges").put("MaximumRecordAgeInSeconds", -1);
        });
        assertThat(firing).containsOnlyKeys("consumers");
        assertThat(firing.get("consumers")).containsExactly(
                "StockHistoryFunction event StockChanges: MaximumRetryAttempts is -1, so a failing record is retried until it expires and blocks its shard",
                "StockHistoryFunction event StockChanges: MaximumRecordAgeInSeconds is -1, no bound on a record's age");
        Map<String, List<String>> unset = firing(t -> event(t, "StockHistoryFunction", "StockChanges").remove("MaximumRetryAttempts"));
        assertThat(unset.get("consumers")).singleElement().asString().contains("MaximumRetryAttempts is not set");
    }

    @Test
    void a_stream_consumer_without_an_on_failure_destination_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> event(t, "StockHistoryFunction", "StockChanges").remove("DestinationConfig"));
        // The policy that let the stream's mapping send there now grants a queue nothing uses.
        assertThat(firing).containsOnlyKeys("consumers", "permissions");
        assertThat(firing.get("consumers")).singleElement().asString()
                .startsWith("StockHistoryFunction event StockChanges: no DestinationConfig.OnFailure destination");
        assertThat(firing.get("permissions")).containsExactly(
                "StockHistoryFunction: its policies grant access to StockStreamFailures, which its code never uses");
    }

    @Test
    void a_visibility_timeout_under_six_function_timeouts_is_found() throws Exception {
        Map<String, List<String>> firing = firing(t -> t.resources("AWS::SQS::Queue").get("PaymentResults").put("VisibilityTimeout", 59));
        assertThat(firing).containsOnlyKeys("visibilityTimeouts");
        assertThat(firing.get("visibilityTimeouts")).containsExactly(
                "PaymentResults: VisibilityTimeout 59 is under six times the Timeout 10 of PaymentResultsFunction that consumes it (at least 60)");
        Map<String, List<String>> longer = firing(t -> function(t, "PaymentResultsFunction").put("Timeout", 30));
        assertThat(longer.get("visibilityTimeouts")).containsExactly(
                "PaymentResults: VisibilityTimeout 120 is under six times the Timeout 30 of PaymentResultsFunction that consumes it (at least 180)");
    }

    @SuppressWarnings("unchecked")
    private static Object rootSection(Template template, String section) {
        try {
            java.lang.reflect.Field field = Template.class.getDeclaredField("root");
            field.setAccessible(true);
            return ((Map<String, Object>) field.get(template)).get(section);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
