package com.stockroom.platform;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one classifier of DynamoDB and SQS failures. A failure is either the write's own answer
 * (a condition that failed: the adapters turn that into a domain outcome, the item's own
 * condition before any stock condition) or transient: throttling, a conflicting transaction, a
 * transaction still in progress, a 5xx, a timeout or a lost connection. Transient failures are
 * retried ({@link Retrying}); anything else is a bug or a misconfiguration and is left to fail.
 */
public final class DependencyFailures {

    /** What made a failure transient. */
    public enum Transience { THROTTLED, TRANSIENT }

    /** Error codes of throttling, as DynamoDB and SQS name them. */
    private static final Set<String> THROTTLING = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
            "Throttling", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestThrottled",
            "AWS.SimpleQueueService.RequestThrottled", "KMS.ThrottlingException");

    /** Error codes that mean "try again": another transaction holds the item, or the service had a fault. */
    private static final Set<String> TRANSIENT = Set.of(
            "TransactionConflictException", "TransactionConflict", "TransactionInProgressException",
            "InternalServerError", "InternalServerErrorException", "InternalFailure", "ServiceUnavailable",
            "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException");

    private DependencyFailures() {
    }

    /**
     * Items a batch write left unprocessed: DynamoDB's answer when it throttles part of a batch.
     * Retried, with backoff, for those items alone.
     */
    public static final class UnprocessedItems extends RuntimeException {
        public UnprocessedItems(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether, and how, a failure is transient. */
    public static Optional<Transience> transience(Throwable failure) {
        if (failure instanceof UnprocessedItems) {
            return Optional.of(Transience.THROTTLED);
        }
        if (failure instanceof TransactionCanceledException cancelled) {
            return cancelled.hasCancellationReasons() ? transience(cancelled.cancellationReasons()) : Optional.empty();
        }
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (service.isThrottlingException() || (code != null && THROTTLING.contains(code))) {
                return Optional.of(Transience.THROTTLED);
            }
            if ((code != null && TRANSIENT.contains(code)) || service.statusCode() >= 500) {
                return Optional.of(Transience.TRANSIENT);
            }
            return Optional.empty();
        }
        if (failure instanceof SdkClientException) {
            // No answer from the service: a timeout, a refused or dropped connection.
            return Optional.of(Transience.TRANSIENT);
        }
        if (failure instanceof SdkException sdk && sdk.retryable()) {
            return Optional.of(Transience.TRANSIENT);
        }
        return Optional.empty();
    }

    /**
     * A cancelled transaction is transient only if no action failed its condition and at least
     * one failed for a transient reason: a failed condition is an answer, to be read first.
     */
    public static Optional<Transience> transience(List<CancellationReason> reasons) {
        boolean throttled = false;
        boolean transientReason = false;
        for (CancellationReason reason : reasons) {
            String code = reason.code();
            if (code == null || code.equals("None")) {
                continue;
            }
            if (THROTTLING.contains(code)) {
                throttled = true;
            } else if (TRANSIENT.contains(code)) {
                transientReason = true;
            } else {
                return Optional.empty();
            }
        }
        if (throttled) {
            return Optional.of(Transience.THROTTLED);
        }
        return transientReason ? Optional.of(Transience.TRANSIENT) : Optional.empty();
    }

    /** Whether one action of a cancelled transaction failed its condition. */
    public static boolean conditionFailed(List<CancellationReason> reasons, int action) {
        return action < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(action).code());
    }
}
