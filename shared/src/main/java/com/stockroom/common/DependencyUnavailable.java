package com.stockroom.common;

import java.time.Duration;

/**
 * A dependency (DynamoDB, SQS) kept failing transiently (throttling, a conflicting transaction,
 * a 5xx, a timeout) past the time this invocation may spend retrying. Nothing the caller asked
 * for is known to have happened; asking again later is safe. The HTTP edge answers 503 (429
 * when the cause is throttling) with {@code Retry-After}; queue and stream consumers report the
 * record as a batch item failure.
 */
public final class DependencyUnavailable extends RuntimeException {

    private final boolean throttled;
    private final Duration retryAfter;

    public DependencyUnavailable(String message, boolean throttled, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.throttled = throttled;
        this.retryAfter = retryAfter;
    }

    /** Whether the dependency said it was throttling us (429 rather than 503). */
    public boolean throttled() {
        return throttled;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
