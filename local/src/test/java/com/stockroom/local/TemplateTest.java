package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestHandler.class).as(function.getKey()).isAssignableFrom(type);
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
    void functions_start_from_snapstart_snapshots_of_published_versions() {
        assertThat(template.functionGlobals().get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(template.functionGlobals().get("AutoPublishAlias")).isNotNull();
    }
}
