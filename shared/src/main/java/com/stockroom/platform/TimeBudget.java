package com.stockroom.platform;

import java.time.Duration;

/**
 * How long the current invocation may still spend retrying a dependency. A handler starts the
 * budget from the Lambda context's remaining time, keeping back a margin to answer in; code that
 * runs without one (a test, a tool) gets {@link #DEFAULT}. One invocation runs on one thread, so
 * the budget is the thread's.
 */
public final class TimeBudget {

    /** The budget when no handler set one: well inside the functions' 10 s timeout. */
    public static final Duration DEFAULT = Duration.ofSeconds(4);

    /** Kept back from the remaining time for answering after the last attempt. */
    static final Duration MARGIN = Duration.ofMillis(1500);

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private TimeBudget() {
    }

    /** Starts this invocation's budget: the function's remaining time less the margin. */
    public static void start(long remainingMillis) {
        long usable = Math.max(0, remainingMillis - MARGIN.toMillis());
        DEADLINE.set(System.nanoTime() + Duration.ofMillis(Math.min(usable, Duration.ofMinutes(15).toMillis())).toNanos());
    }

    /** Ends the budget, so a thread reused for another invocation does not inherit it. */
    public static void end() {
        DEADLINE.remove();
    }

    /** The time left, never negative; {@link #DEFAULT} from now when no budget was started. */
    static Duration remaining() {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            return DEFAULT;
        }
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
