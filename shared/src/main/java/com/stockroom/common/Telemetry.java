package com.stockroom.common;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The functions' logs: one JSON line per event handled (an HTTP request, a queue message, a
 * stream batch) and leveled diagnostic lines, on stdout, where Lambda takes them. With the
 * template's {@code LoggingConfig} set to JSON, Lambda reads each line's {@code level} and
 * {@code timestamp} (RFC 3339) and drops lines below the function's {@code ApplicationLogLevel},
 * which it hands the function as {@code AWS_LAMBDA_LOG_LEVEL}; lines below that level are not
 * even built here. The event's business metrics ride in its line as CloudWatch Embedded Metric
 * Format members, so they cost no call and no second line.
 *
 * <p>Like the retry budget, the event in hand is the thread's: one invocation runs on one
 * thread. Code anywhere on the way (a route, a use case, an adapter) adds what it knows to it,
 * the order and payment ids and the metrics; code that runs outside an event adds nothing. An
 * event line is written only inside an invocation, so priming a snapshot logs nothing.
 */
public final class Telemetry {

    /** The CloudWatch namespace of the metrics. */
    public static final String NAMESPACE = "Stockroom";

    /** The SQS message attribute that carries a correlation id from a request to what answers it. */
    public static final String CORRELATION_ATTRIBUTE = "correlation_id";

    /** Lambda's levels, lowest first. */
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

        /** The level {@code AWS_LAMBDA_LOG_LEVEL} names, in any case; INFO when it names none. */
        public static Level of(Optional<String> name) {
            if (name.isPresent()) {
                String upper = name.get().strip().toUpperCase(Locale.ROOT);
                for (Level level : values()) {
                    if (level.name().equals(upper)) {
                        return level;
                    }
                }
            }
            return INFO;
        }
    }

    /**
     * One function's logging, made once at init: its name and the lowest level it writes; and
     * whether its lines are written at all, which only a priming before a snapshot turns off, so
     * that the lines' code runs then (and is in the snapshot) while nothing reaches the logs.
     */
    public record Function(String name, Level threshold, boolean written) {

        public Function(String name, Level threshold) {
            this(name, threshold, true);
        }

        /** The same function's logging, its lines built but not written. */
        public Function unwritten() {
            return new Function(name, threshold, false);
        }
    }

    private static final Function UNNAMED = new Function(null, Level.INFO);
    private static final int MAX_VALUES = 100;
    private static final Metric[] METRICS = Metric.values();

    private static volatile Consumer<String> sink = Stdout.INSTANCE;
    private static volatile LongSupplier clock = SystemMillis.INSTANCE;

    /** Lines to whatever {@code System.out} is when they are written. A class, not a lambda: one less to spin up at init. */
    private static final class Stdout implements Consumer<String> {
        static final Stdout INSTANCE = new Stdout();

        @Override
        public void accept(String line) {
            System.out.println(line);
        }
    }

    private static final class SystemMillis implements LongSupplier {
        static final SystemMillis INSTANCE = new SystemMillis();

        @Override
        public long getAsLong() {
            return System.currentTimeMillis();
        }
    }

    private static final ThreadLocal<Function> INVOCATION = new ThreadLocal<>();
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<Event> EVENT = new ThreadLocal<>();

    private Telemetry() {
    }

    /** The function's logging: its name and {@code AWS_LAMBDA_LOG_LEVEL}, as the environment gives them. */
    public static Function function(Optional<String> name, Optional<String> level) {
        return new Function(name.orElse(null), Level.of(level));
    }

    /** Where lines go: stdout unless pointed elsewhere (the local stack's tests point it at a buffer). Answers the one before. */
    public static Consumer<String> sink(Consumer<String> lines) {
        Consumer<String> before = sink;
        sink = lines == null ? Stdout.INSTANCE : lines;
        return before;
    }

    /** The clock of timestamps and latencies, in epoch milliseconds (tests pin it). Answers the one before. */
    public static LongSupplier clock(LongSupplier millis) {
        LongSupplier before = clock;
        clock = millis == null ? SystemMillis.INSTANCE : millis;
        return before;
    }

    /** Opens an invocation of {@code function} on this thread; {@code requestId} is Lambda's, the correlation id of last resort. */
    public static void enter(Function function, String requestId) {
        INVOCATION.set(function);
        REQUEST_ID.set(requestId);
    }

    /** Closes the invocation, and any event left open in it. */
    public static void leave() {
        INVOCATION.remove();
        REQUEST_ID.remove();
        EVENT.remove();
    }

    /** Starts an event on this thread (closing one left open); its latency runs from now. */
    public static Event begin() {
        Event event = new Event(clock.getAsLong());
        EVENT.set(event);
        return event;
    }

    /** The order the event is about. */
    public static void orderId(String id) {
        Event event = EVENT.get();
        if (event != null) {
            event.orderId = id;
        }
    }

    /** The payment attempt the event is about. */
    public static void paymentId(String id) {
        Event event = EVENT.get();
        if (event != null) {
            event.paymentId = id;
        }
    }

    /** What became of the event, when its handler knows better than "processed" ({@code "ignored"}, {@code "set aside"}). */
    public static void outcome(String outcome) {
        outcome(outcome, Level.INFO);
    }

    /** What became of the event, and the level its line deserves. */
    public static void outcome(String outcome, Level level) {
        Event event = EVENT.get();
        if (event != null) {
            event.outcome = outcome;
            event.level = level;
        }
    }

    /** Why the event did not go as asked (a message set aside, say), for its line. */
    public static void reason(String why) {
        Event event = EVENT.get();
        if (event != null) {
            event.error(why);
        }
    }

    /** One more of {@code metric} in this event. */
    public static void count(Metric metric) {
        count(metric, 1);
    }

    public static void count(Metric metric, long n) {
        Event event = EVENT.get();
        if (event != null && n != 0) {
            long[] values = event.values(metric);
            values[0] += n;
            event.sizes[metric.ordinal()] = 1;
        }
    }

    /** One value of {@code metric} (a lag, say); an event keeps up to 100 of each, as the format allows. */
    public static void measure(Metric metric, long value) {
        Event event = EVENT.get();
        if (event != null) {
            long[] values = event.values(metric);
            int size = event.sizes[metric.ordinal()];
            if (size < values.length) {
                values[size] = value;
                event.sizes[metric.ordinal()] = size + 1;
            }
        }
    }

    /** The id that ties this event to the request it came from, if it has one. */
    public static Optional<String> correlationId() {
        Event event = EVENT.get();
        return Optional.ofNullable(event == null ? null : event.correlationId);
    }

    /**
     * Whether {@code id} may be carried as a correlation id, from an HTTP header or a queue
     * message's attribute alike: 1 to 128 letters, digits and {@code - _ . : = + /}. Anything else
     * (too long, or with characters a log search would trip on) is not carried.
     */
    public static boolean wellFormedCorrelationId(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.:=+/".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Now, on the telemetry clock (for lags). */
    public static long millis() {
        return clock.getAsLong();
    }

    /** A WARN line: something went wrong and was handled (retried, released, set aside). */
    public static void warn(String message) {
        diagnostic(Level.WARN, message, null);
    }

    /** An ERROR line: a bug, with what was thrown. */
    public static void error(String message, Throwable thrown) {
        diagnostic(Level.ERROR, message, thrown);
    }

    private static void diagnostic(Level level, String message, Throwable thrown) {
        Function function = function();
        if (level.compareTo(function.threshold()) < 0) {
            return;
        }
        Event event = EVENT.get();
        LogLine line = new LogLine().timestamp("timestamp", clock.getAsLong()).string("level", level.name())
                .string("function", function.name()).string("message", message);
        if (thrown != null) {
            line.string("error", describe(thrown));
        }
        if (event != null) {
            event.context(line);
            line.string("correlation_id", event.correlationIdOr(REQUEST_ID.get()));
        } else {
            line.string("correlation_id", REQUEST_ID.get());
        }
        String written = line.end();
        if (function.written()) {
            sink.accept(written);
        }
    }

    /** What was thrown and where, on one line: its first frames, innermost first. */
    public static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder(thrown.toString());
        StackTraceElement[] trace = thrown.getStackTrace();
        for (int i = 0; i < Math.min(8, trace.length); i++) {
            text.append(i == 0 ? " at " : " < ").append(trace[i]);
        }
        return text.toString();
    }

    private static Function function() {
        Function function = INVOCATION.get();
        return function == null ? UNNAMED : function;
    }

    /** One event being handled: what it is, what came of it, and what it counted. */
    public static final class Event {
        private final long startMillis;
        private String route;
        private String messageId;
        private String firstSequenceNumber;
        private String lastSequenceNumber;
        private String correlationId;
        private String orderId;
        private String paymentId;
        private String outcome;
        private int status;
        private String error;
        private Level level = Level.INFO;
        /** Each metric's values by ordinal, made on first use: a count is one value, a measure up to 100. */
        private long[][] values;
        private int[] sizes;

        private Event(long startMillis) {
            this.startMillis = startMillis;
        }

        private long[] values(Metric metric) {
            if (values == null) {
                values = new long[METRICS.length][];
                sizes = new int[METRICS.length];
            }
            if (values[metric.ordinal()] == null) {
                values[metric.ordinal()] = new long[metric.unit().equals("Count") ? 1 : MAX_VALUES];
            }
            return values[metric.ordinal()];
        }

        /** An HTTP request, by the route key API Gateway matched. */
        public Event route(String routeKey) {
            this.route = routeKey;
            return this;
        }

        /** A queue message, by its message id. */
        public Event messageId(String id) {
            this.messageId = id;
            return this;
        }

        /** A stream batch, by its first and last records' sequence numbers. */
        public Event sequenceNumbers(String first, String last) {
            this.firstSequenceNumber = first;
            this.lastSequenceNumber = last;
            return this;
        }

        public Event correlationId(String id) {
            this.correlationId = id;
            return this;
        }

        /** An HTTP answer's status: the outcome, and the line's level (ERROR for a 500, WARN for another 5xx). */
        public Event status(int statusCode) {
            this.status = statusCode;
            this.outcome = Integer.toString(statusCode);
            this.level = statusCode == 500 ? Level.ERROR : statusCode >= 500 ? Level.WARN : Level.INFO;
            return this;
        }

        /** Why the event failed, for its line; a second reason is added to the first, not put in its place. */
        public Event error(String why) {
            this.error = error == null ? why : error + "; " + why;
            return this;
        }

        /** Writes the event's line with {@code outcome}, unless its handler already said what came of it; ends the event. */
        public void end(String defaultOutcome, Level lineLevel) {
            if (outcome == null) {
                outcome = defaultOutcome;
                level = lineLevel;
            }
            end();
        }

        /** Writes the line of an event that failed (its outcome "failed" whatever its handler said; the reason added to any it gave) and ends the event. */
        public void fail(String why) {
            outcome = "failed";
            level = Level.WARN;
            error(why);
            end();
        }

        /** Writes the event's line and ends the event. */
        public void end() {
            if (EVENT.get() == this) {
                EVENT.remove();
            }
            Function function = INVOCATION.get();
            if (function == null || level.compareTo(function.threshold()) < 0) {
                return;
            }
            long now = clock.getAsLong();
            LogLine line = new LogLine().timestamp("timestamp", now).string("level", level.name()).string("function", function.name());
            context(line);
            line.string("outcome", outcome).string("error", error);
            if (status != 0) {
                line.number("status", status);
            }
            line.number("latency_ms", Math.max(0, now - startMillis)).string("correlation_id", correlationIdOr(REQUEST_ID.get()));
            if (values != null && function.name() != null) {
                StringBuilder aws = new StringBuilder(160).append("{\"Timestamp\":").append(now)
                        .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                        .append("\",\"Dimensions\":[[\"function\"]],\"Metrics\":[");
                boolean first = true;
                for (Metric metric : METRICS) {
                    int size = sizes[metric.ordinal()];
                    if (size == 0) {
                        continue;
                    }
                    line.json(metric.metricName(), numbers(values[metric.ordinal()], size, metric.unit().equals("Count")));
                    aws.append(first ? "" : ",").append("{\"Name\":\"").append(metric.metricName())
                            .append("\",\"Unit\":\"").append(metric.unit()).append("\"}");
                    first = false;
                }
                if (!first) {
                    line.json("_aws", aws.append("]}]}").toString());
                }
            }
            String written = line.end();
            if (function.written()) {
                sink.accept(written);
            }
        }

        /** A count as one number; measures as an array (one value as a number). */
        private static String numbers(long[] values, int size, boolean count) {
            if (count || size == 1) {
                return Long.toString(values[0]);
            }
            StringBuilder array = new StringBuilder(size * 6).append('[');
            for (int i = 0; i < size; i++) {
                array.append(i == 0 ? "" : ",").append(values[i]);
            }
            return array.append(']').toString();
        }

        private void context(LogLine line) {
            line.string("route", route).string("message_id", messageId)
                    .string("first_sequence_number", firstSequenceNumber).string("last_sequence_number", lastSequenceNumber)
                    .string("order_id", orderId).string("payment_id", paymentId);
        }

        private String correlationIdOr(String fallback) {
            return correlationId != null ? correlationId : fallback;
        }
    }
}
