package com.stockroom.platform;

import com.stockroom.common.DependencyUnavailable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Calls a dependency, retrying transient failures ({@link DependencyFailures}) with jittered
 * exponential backoff ("full jitter": a random wait up to a cap that doubles each time) for as
 * long as the invocation's {@link TimeBudget} allows; past it, {@link DependencyUnavailable}.
 * The SDK's own retries happen inside each attempt; these cover what it does not retry
 * (transaction conflicts, cancelled transactions) and what outlasts its few attempts.
 */
public final class Retrying {

    static final Duration FIRST_CAP = Duration.ofMillis(20);
    static final Duration LARGEST_CAP = Duration.ofMillis(800);

    /** What a caller is told to wait before trying again once the budget is spent. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** Sleeps; a seam for tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Retrying DEFAULT = new Retrying(d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));

    private final Sleeper sleeper;

    Retrying(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** Runs {@code call}, retrying it while it fails transiently and the budget lasts. */
    public static <T> T call(String what, Supplier<T> call) {
        return DEFAULT.run(what, call);
    }

    /** The same, for a call with no answer. */
    public static void run(String what, Runnable call) {
        DEFAULT.run(what, () -> {
            call.run();
            return null;
        });
    }

    <T> T run(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + TimeBudget.remaining().toNanos();
        Duration cap = FIRST_CAP;
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return call.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            Optional<DependencyFailures.Transience> transience = DependencyFailures.transience(failure);
            if (transience.isEmpty()) {
                throw failure;
            }
            boolean throttled = transience.get() == DependencyFailures.Transience.THROTTLED;
            Duration wait = Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap.toNanos() + 1));
            if (System.nanoTime() + wait.toNanos() >= deadline) {
                throw new DependencyUnavailable(what + " failed " + attempt + " time(s) within the time budget, the last time "
                        + (throttled ? "throttled" : "transiently") + ": " + failure.getMessage(), throttled, RETRY_AFTER, failure);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new DependencyUnavailable(what + " was interrupted while waiting to retry", throttled, RETRY_AFTER, failure);
            }
            cap = cap.multipliedBy(2).compareTo(LARGEST_CAP) > 0 ? LARGEST_CAP : cap.multipliedBy(2);
        }
    }
}
