package com.stockroom.local;

import com.stockroom.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The functions' log lines, as the tests' local stack writes them (the test fixture points the
 * functions' log sink here instead of stdout): the last {@value #KEPT} lines, each parsed back as
 * the JSON object it must be.
 */
final class LogLines implements Consumer<String> {

    static final LogLines CAPTURED = new LogLines();

    private static final int KEPT = 50_000;

    private final Deque<String> lines = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    private LogLines() {
    }

    @Override
    public void accept(String line) {
        lines.addLast(line);
        if (size.incrementAndGet() > KEPT && lines.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    /** Every kept line that matches, parsed; a line that is not one JSON object fails the test. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> matching(Predicate<Map<String, Object>> wanted) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String line : lines) {
            Object parsed;
            try {
                parsed = Json.parse(line);
            } catch (Json.Malformed malformed) {
                throw new AssertionError("a log line that is not JSON: " + line, malformed);
            }
            if (!(parsed instanceof Map<?, ?>) || line.contains("\n")) {
                throw new AssertionError("a log line that is not one JSON object on one line: " + line);
            }
            if (wanted.test((Map<String, Object>) parsed)) {
                found.add((Map<String, Object>) parsed);
            }
        }
        return found;
    }

    /** Waits until at least {@code count} lines match, and answers those that do. */
    List<Map<String, Object>> await(Predicate<Map<String, Object>> wanted, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<Map<String, Object>> found = matching(wanted);
        while (found.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " log lines like that within " + within + ", found " + found);
            }
            History.sleep(100);
            found = matching(wanted);
        }
        return found;
    }
}
