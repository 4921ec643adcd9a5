package com.stockroom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

class DependencyFailuresTest {

    private static CancellationReason reason(String code) {
        return CancellationReason.builder().code(code).build();
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .cancellationReasons(java.util.Arrays.stream(codes).map(DependencyFailuresTest::reason).toList())
                .build();
    }

    @Test
    void throttling_is_transient_and_says_so() {
        assertThat(DependencyFailures.transience(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build()).build()))
                .contains(DependencyFailures.Transience.THROTTLED);
        assertThat(DependencyFailures.transience(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestLimitExceeded").build()).build()))
                .contains(DependencyFailures.Transience.THROTTLED);
    }

    @Test
    void a_conflicting_transaction_a_5xx_and_a_lost_answer_are_transient() {
        assertThat(DependencyFailures.transience(TransactionConflictException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionConflictException").build()).build()))
                .contains(DependencyFailures.Transience.TRANSIENT);
        assertThat(DependencyFailures.transience(DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build()).build()))
                .contains(DependencyFailures.Transience.TRANSIENT);
        assertThat(DependencyFailures.transience(SdkClientException.create("lost", new IOException("reset"))))
                .contains(DependencyFailures.Transience.TRANSIENT);
    }

    @Test
    void a_failed_condition_or_a_bad_request_is_not_transient() {
        assertThat(DependencyFailures.transience(ConditionalCheckFailedException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException").build()).build())).isEmpty();
        assertThat(DependencyFailures.transience(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build())).isEmpty();
        assertThat(DependencyFailures.transience(new IllegalStateException("a bug"))).isEmpty();
    }

    @Test
    void a_cancelled_transaction_is_transient_only_when_no_condition_failed() {
        assertThat(DependencyFailures.transience(cancelled("None", "TransactionConflict"))).contains(DependencyFailures.Transience.TRANSIENT);
        assertThat(DependencyFailures.transience(cancelled("ThrottlingError", "None"))).contains(DependencyFailures.Transience.THROTTLED);
        assertThat(DependencyFailures.transience(cancelled("TransactionConflict", "ProvisionedThroughputExceeded")))
                .contains(DependencyFailures.Transience.THROTTLED);
        assertThat(DependencyFailures.transience(cancelled("ConditionalCheckFailed", "TransactionConflict"))).isEmpty();
        assertThat(DependencyFailures.transience(cancelled("None", "ValidationError"))).isEmpty();
        assertThat(DependencyFailures.transience(cancelled("None", "None"))).isEmpty();
    }

    @Test
    void condition_failed_names_the_action_whose_condition_failed() {
        List<CancellationReason> reasons = List.of(reason("None"), reason("ConditionalCheckFailed"));
        assertThat(DependencyFailures.conditionFailed(reasons, 1)).isTrue();
        assertThat(DependencyFailures.conditionFailed(reasons, 0)).isFalse();
        assertThat(DependencyFailures.conditionFailed(reasons, 5)).isFalse();
    }
}
