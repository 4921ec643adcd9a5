package com.stockroom.local;

import com.stockroom.web.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The template's {@code Schedule} events: each function invoked with EventBridge's scheduled event, at its rate. */
final class Schedules implements AutoCloseable {

    record Source(String name, Duration every, LocalFunction function) {
    }

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });

    Schedules(List<Source> sources) {
        for (Source source : sources) {
            long millis = source.every().toMillis();
            executor.scheduleWithFixedDelay(() -> run(source), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** A {@code rate(...)} expression as a period; cron expressions are not run locally. */
    static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("the local stack runs rate(...) schedules only, not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static void run(Source source) {
        String event = Json.write(Json.object(
                "version", "0",
                "id", UUID.randomUUID().toString(),
                "detail-type", "Scheduled Event",
                "source", "aws.events",
                "account", Intrinsics.ACCOUNT,
                "time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                "region", Intrinsics.REGION,
                "resources", List.of("arn:aws:events:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":rule/" + source.name()),
                "detail", Json.object()));
        try {
            source.function().invoke(event);
        } catch (LocalFunction.FunctionError | RuntimeException e) {
            System.err.println("[" + source.function().name() + "] scheduled run failed: " + e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
