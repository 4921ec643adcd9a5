package com.stockroom.local;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by the parts of the local stack between two readings. This JVM's own threads
 * are read one by one, in nanoseconds, through {@link ThreadMXBean}; the JVM's internal threads
 * (the JIT compilers, the garbage collector), which it does not list, are what the whole process
 * spent beyond them, a figure the JDK reads in clock ticks (so within 10 ms), which also takes in
 * any thread that ended between the readings; the embedded emulator's processes are read
 * through {@link ProcessHandle.Info#totalCpuDuration()} (on Linux, also in clock ticks), and left
 * out where the platform does not say.
 */
final class CpuTime {

    /** The parts a race's CPU is told apart by, in the order they are shown. */
    static final String JVM = "JIT, GC and ended threads (±10 ms)";
    static final String GATEWAY = "gateway and its functions";
    static final String QUEUES = "ElasticMQ";
    static final String DYNAMODB = "Dynoxide";
    static final String RACERS = "racers";
    /** The name the benchmark's racer threads start with. */
    static final String RACER_THREAD = "hot-sku-racer";
    static final String OTHER = "other threads (pollers and their functions, the rest)";

    /** One reading: each live thread's CPU and name, the whole process's, and each emulator process's. */
    record Reading(Map<Long, Long> threadNanos, Map<Long, String> threadNames, long processNanos, Map<Long, Long> childNanos) {
    }

    private CpuTime() {
    }

    /** A reading now, with the emulator's processes, or null where this JVM cannot measure a thread's CPU or its own. */
    static Reading now(java.util.Set<Long> emulator) {
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
        for (long pid : emulator) {
            ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                    .ifPresent(cpu -> children.put(pid, cpu.toNanos()));
        }
        return new Reading(nanos, names, os.getProcessCpuTime(), children);
    }

    /**
     * Milliseconds each part spent from {@code before} to now; empty when either reading is
     * missing. Dynoxide is left out when its processes could not be read.
     */
    static Map<String, Long> partsSince(Reading before, java.util.Set<Long> emulator) {
        Reading after = now(emulator);
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
        after.childNanos().forEach((pid, spent) ->
                nanos.merge(DYNAMODB, Math.max(0, spent - before.childNanos().getOrDefault(pid, 0L)), Long::sum));
        if (after.childNanos().isEmpty()) {
            nanos.remove(DYNAMODB);
        }
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((part, spent) -> millis.put(part, Math.round(spent / 1e6)));
        return millis;
    }

    static String part(String threadName) {
        if (threadName.startsWith("http-gateway")) {
            return GATEWAY;
        } else if (threadName.startsWith("elasticmq")) {
            return QUEUES;
        } else if (threadName.startsWith(RACER_THREAD)) {
            return RACERS;
        }
        return OTHER;
    }
}
