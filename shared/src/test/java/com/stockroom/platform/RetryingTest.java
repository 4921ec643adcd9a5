package com.stockroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockroom.common.DependencyUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

class RetryingTest {

    private final List<Duration> waits = new ArrayList<>();
    private final Retrying retrying = new Retrying(waits::add);

    @AfterEach
    void endBudget() {
        TimeBudget.end();
    }

    private static RuntimeException conflict() {
        return TransactionConflictException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionConflictException").build()).build();
    }

    private static RuntimeException throttled() {
        return DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build()).build();
    }

    @Test
    void a_transient_failure_is_retried_until_the_call_succeeds_with_growing_jittered_waits() {
        AtomicInteger calls = new AtomicInteger();

        String answer = retrying.run("test", () -> {
            if (calls.incrementAndGet() < 6) {
                throw conflict();
            }
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(calls).hasValue(6);
        assertThat(waits).hasSize(5);
        for (int i = 0; i < waits.size(); i++) {
            long cap = Math.min(Retrying.LARGEST_CAP.toNanos(), Retrying.FIRST_CAP.toNanos() << i);
            assertThat(waits.get(i).toNanos()).as("wait " + i).isBetween(0L, cap);
        }
    }

    @Test
    void a_failure_that_is_not_transient_is_not_retried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retrying.run("test", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void past_the_budget_it_gives_up_as_unavailable_and_says_whether_it_was_throttled() {
        TimeBudget.start(TimeBudget.MARGIN.toMillis());

        assertThatThrownBy(() -> retrying.run("test", () -> {
            throw throttled();
        })).isInstanceOfSatisfying(DependencyUnavailable.class, unavailable -> {
            assertThat(unavailable.throttled()).isTrue();
            assertThat(unavailable.retryAfter()).isPositive();
        });

        assertThatThrownBy(() -> retrying.run("test", () -> {
            throw conflict();
        })).isInstanceOfSatisfying(DependencyUnavailable.class, unavailable -> assertThat(unavailable.throttled()).isFalse());
    }

    @Test
    void a_budget_ends_with_its_invocation() {
        TimeBudget.start(0);
        assertThat(TimeBudget.remaining()).isZero();
        TimeBudget.end();
        assertThat(TimeBudget.remaining()).isEqualTo(TimeBudget.DEFAULT);
    }
}
