package com.stockroom.platform;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts each function's calls to DynamoDB and SQS by operation ({@code OrdersApiFunction
 * TransactWriteItems}), for the local stack and the tests only (switched on by
 * {@code STOCKROOM_COUNT_CALLS}): the round trips an operation costs, which is what it costs on
 * AWS. A call is counted once however often the SDK retries it.
 */
public final class CallCounts implements ExecutionInterceptor {

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    /** The clients each function has built, by service ({@code DYNAMODB}, {@code SQS}), in order. */
    private static final Map<String, List<String>> CLIENTS = new ConcurrentHashMap<>();

    private final String function;

    CallCounts(String function) {
        this.function = function;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        COUNTS.computeIfAbsent(function + " " + service + "." + operation, k -> new AtomicLong()).incrementAndGet();
    }

    /** The calls counted since the last {@link #reset()}, by "function service.operation". */
    public static Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        COUNTS.forEach((key, count) -> {
            if (count.get() > 0) {
                snapshot.put(key, count.get());
            }
        });
        return snapshot;
    }

    static void clientBuilt(String function, String service) {
        CLIENTS.computeIfAbsent(function, k -> new CopyOnWriteArrayList<>()).add(service);
    }

    /** The clients the function has built so far, by service, in the order it built them. */
    public static List<String> clientsBuilt(String function) {
        return List.copyOf(CLIENTS.getOrDefault(function, List.of()));
    }

    public static void reset() {
        COUNTS.values().forEach(count -> count.set(0));
    }
}
