package com.stockroom.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by the parts of the local stack between two readings. This JVM's own threads
 * are read one by one, in nanoseconds, through {@link ThreadMXBean}; the JVM's internal threads
 * (the JIT compilers, the garbage collector), which it does not list, are what the process spent
 * beyond them; the processes it started (the emulator) are read from Linux's {@code /proc}, in
 * clock ticks of 10 ms.
 */
final class CpuTime {

    private static final long MILLIS_PER_TICK = 10;

    /** The parts a race's CPU is told apart by, in the order they are shown. */
    static final String JVM = "JIT compilers and GC";
    static final String GATEWAY = "gateway and functions";
    static final String QUEUES = "ElasticMQ";
    static final String DYNAMODB = "Dynoxide";
    static final String RACERS = "racers";
    static final String OTHER = "other threads";

    /** One reading: each live thread's CPU and name, the whole process's, and each child process's. */
    record Reading(Map<Long, Long> threadNanos, Map<Long, String> threadNames, long processNanos, Map<Long, Long> childMillis,
                   Map<Long, String> childNames) {
    }

    private CpuTime() {
    }

    /** A reading now, or null where this JVM cannot measure a thread's CPU or its own. */
    static Reading now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !(ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os)) {
            return null;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    nanos.put(info.getThreadId(), cpu);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        Map<Long, Long> children = new HashMap<>();
        Map<Long, String> childNames = new HashMap<>();
        ProcessHandle.current().descendants().forEach(child -> {
            try {
                String line = Files.readString(Path.of("/proc/" + child.pid() + "/stat"));
                int close = line.lastIndexOf(')');
                String[] fields = line.substring(close + 2).split(" ");
                // utime and stime, the 14th and 15th fields of the line.
                children.put(child.pid(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK);
                childNames.put(child.pid(), line.substring(line.indexOf('(') + 1, close));
            } catch (IOException | RuntimeException goneOrNotLinux) {
                // Not counted.
            }
        });
        return new Reading(nanos, names, os.getProcessCpuTime(), children, childNames);
    }

    /** Milliseconds each part spent from {@code before} to now; empty when either reading is missing. */
    static Map<String, Long> partsSince(Reading before) {
        Reading after = now();
        if (before == null || after == null) {
            return Map.of();
        }
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (String part : new String[] {JVM, GATEWAY, QUEUES, DYNAMODB, RACERS, OTHER}) {
            nanos.put(part, 0L);
        }
        long javaThreads = 0;
        for (Map.Entry<Long, Long> thread : after.threadNanos().entrySet()) {
            long spent = Math.max(0, thread.getValue() - before.threadNanos().getOrDefault(thread.getKey(), 0L));
            javaThreads += spent;
            nanos.merge(part(after.threadNames().get(thread.getKey())), spent, Long::sum);
        }
        nanos.merge(JVM, Math.max(0, after.processNanos() - before.processNanos() - javaThreads), Long::sum);
        after.childMillis().forEach((pid, millis) -> {
            long spent = millis - before.childMillis().getOrDefault(pid, 0L);
            String part = after.childNames().get(pid).startsWith("dynoxide") ? DYNAMODB : OTHER;
            nanos.merge(part, Math.max(0, spent) * 1_000_000, Long::sum);
        });
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((part, spent) -> millis.put(part, Math.round(spent / 1e6)));
        return millis;
    }

    static String part(String threadName) {
        if (threadName.startsWith("http-gateway")) {
            return GATEWAY;
        } else if (threadName.startsWith("elasticmq")) {
            return QUEUES;
        } else if (threadName.startsWith("pool-")) {
            return RACERS;
        }
        return OTHER;
    }
}
