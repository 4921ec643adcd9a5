package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.move;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Concurrent moves can never break {@code total = available + allocated} nor take anything below zero. */
@ExtendWith(Stack.class)
class ConcurrencyIT {

    @Test
    void fifty_concurrent_allocations_of_one_against_twenty_leave_exactly_twenty_allocated() throws Exception {
        String id = stock(20);
        List<Integer> statuses = concurrently(50, i -> move(id, "allocate", 1).status());

        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(20);
        assertThat(statuses.stream().filter(s -> s == 422)).hasSize(30);
        assertThat(levels(id)).containsExactly(20, 0, 20);
        assertThat(History.await(id, 21)).hasSize(21);
    }

    @Test
    void random_concurrent_moves_keep_the_invariant_and_the_log_accounts_for_every_one() throws Exception {
        String id = stock(30);
        String[] actions = {"increment", "decrement", "allocate", "deallocate"};
        Set<Object> answeredIds = ConcurrentHashMap.newKeySet();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        // Each worker reports the signed change of each move that succeeded: {total, available, allocated}.
        List<long[]> changes = concurrently(120, i -> {
            Random random = new Random(0x5EED_0000L + 7919L * i);
            String action = actions[random.nextInt(actions.length)];
            long q = 1 + random.nextInt(6);
            attempted.add(action);
            Api.Response response = move(id, action, q);
            int status = response.status();
            if (status == 422) {
                return new long[] {0, 0, 0};
            }
            assertThat(status).isEqualTo(200);
            answeredIds.add(response.data().get("id"));
            return switch (action) {
                case "increment" -> new long[] {q, q, 0};
                case "decrement" -> new long[] {-q, -q, 0};
                case "allocate" -> new long[] {0, -q, q};
                default -> new long[] {0, q, -q};
            };
        });

        assertThat(attempted).as("every kind of move was tried").hasSize(4);
        long[] expected = {30, 30, 0};
        int succeeded = 0;
        for (long[] change : changes) {
            for (int k = 0; k < 3; k++) {
                expected[k] += change[k];
            }
            succeeded += change[0] != 0 || change[1] != 0 ? 1 : 0;
        }
        long[] actual = levels(id);
        List<Map<String, Object>> log = History.await(id, succeeded + 1);
        assertThat(log.subList(0, log.size() - 1)).as("the log holds exactly the moves answered 200")
                .extracting(e -> e.get("id")).containsExactlyInAnyOrderElementsOf(answeredIds);
        assertThat(actual).containsExactly(expected);
        assertThat(actual[0]).isEqualTo(actual[1] + actual[2]);
        assertThat(actual[1]).isNotNegative();
        assertThat(actual[2]).isNotNegative();

        assertThat(log).hasSize(succeeded + 1);
        for (int i = 0; i < log.size() - 1; i++) {
            assertThat(StockHistoryIT.levels(log.get(i), "before")).containsExactly(StockHistoryIT.levels(log.get(i + 1), "after"));
        }
    }

    interface Call<T> {
        T call(int i) throws Exception;
    }

    /** Runs {@code n} calls at once, released together, and answers their results. */
    static <T> List<T> concurrently(int n, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
