package com.stockroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM's threads, by thread name, and by the processes it started (the
 * emulator), read from Linux's {@code /proc} in clock ticks (10 ms). A thread that ends between
 * two readings is not counted; the benchmark's races keep theirs until after the second.
 */
final class CpuTime {

    private static final long MILLIS_PER_TICK = 10;

    /** The parts of the local stack a race's CPU is told apart by, in the order they are shown. */
    static final String COMPILERS = "JIT compilers";
    static final String GATEWAY = "gateway and functions";
    static final String QUEUES = "ElasticMQ";
    static final String DYNAMODB = "Dynoxide";
    static final String RACERS = "racers";
    static final String OTHER = "other";

    private CpuTime() {
    }

    /** Milliseconds of CPU so far, by thread name (digits folded) and by child process name; empty where there is no {@code /proc}. */
    static Map<String, Long> now() {
        Map<String, Long> by = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> add(by, task.resolve("stat"), "thread "));
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
        ProcessHandle.current().descendants().forEach(child -> add(by, Path.of("/proc/" + child.pid() + "/stat"), "process "));
        return by;
    }

    /** What was spent since {@code before}, by part of the local stack. */
    static Map<String, Long> partsSince(Map<String, Long> before) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : new String[] {COMPILERS, GATEWAY, QUEUES, DYNAMODB, RACERS, OTHER}) {
            parts.put(part, 0L);
        }
        if (before.isEmpty()) {
            return Map.of();
        }
        now().forEach((name, millis) -> {
            long spent = millis - before.getOrDefault(name, 0L);
            if (spent > 0) {
                parts.merge(part(name), spent, Long::sum);
            }
        });
        return parts;
    }

    static String part(String name) {
        if (name.startsWith("thread C# CompilerThre")) {
            return COMPILERS;
        } else if (name.startsWith("thread http-gateway")) {
            return GATEWAY;
        } else if (name.startsWith("thread elasticmq")) {
            return QUEUES;
        } else if (name.startsWith("process dynoxide")) {
            return DYNAMODB;
        } else if (name.startsWith("thread pool-")) {
            return RACERS;
        }
        return OTHER;
    }

    private static void add(Map<String, Long> by, Path stat, String kind) {
        try {
            String line = Files.readString(stat);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String name = kind + line.substring(open + 1, close).replaceAll("[0-9]+", "#");
            String[] fields = line.substring(close + 2).split(" ");
            // utime and stime, the 14th and 15th fields of the line.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            by.merge(name, ticks * MILLIS_PER_TICK, Long::sum);
        } catch (IOException | RuntimeException gone) {
            // The thread or process ended meanwhile.
        }
    }
}
