package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.DependencyUnavailable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    /** The store's rules, in memory: a claim is new, done (with its answer), running, or another request's. */
    private static final class InMemoryStore implements Idempotency.Store {
        private record Entry(String fingerprint, Idempotency.StoredAnswer answer) {
        }

        private final Map<String, Entry> entries = new HashMap<>();

        @Override
        public synchronized Idempotency.Claim claim(String caller, String key, String fingerprint) {
            Entry entry = entries.get(caller + "/" + key);
            if (entry == null) {
                entries.put(caller + "/" + key, new Entry(fingerprint, null));
                return new Idempotency.Claim.Claimed();
            }
            if (!entry.fingerprint().equals(fingerprint)) {
                return new Idempotency.Claim.Mismatch();
            }
            return entry.answer() == null ? new Idempotency.Claim.Running() : new Idempotency.Claim.Done(entry.answer());
        }

        @Override
        public synchronized void complete(String caller, String key, String fingerprint, Idempotency.StoredAnswer answer) {
            entries.put(caller + "/" + key, new Entry(fingerprint, answer));
        }

        @Override
        public synchronized void release(String caller, String key, String fingerprint) {
            entries.remove(caller + "/" + key);
        }
    }

    private final InMemoryStore store = new InMemoryStore();
    private final AtomicInteger runs = new AtomicInteger();

    private static Map<String, Object> post(String subject, String key, String body) {
        HttpEvents.Builder post = HttpEvents.event()
                .routeKey("POST /v2/inventories/{product_id}")
                .rawPath("/v2/inventories/p1")
                .set("headers", Map.of())
                .body(body)
                .method("POST")
                .verified(subject, "app", "inventory:write");
        return key == null ? post.build() : post.header("idempotency-key", key).build();
    }

    private Router router(int status) {
        return new Router(new Idempotency(store)).route("POST /v2/inventories/{product_id}", request -> {
            int run = runs.incrementAndGet();
            if (status == 503) {
                throw new DependencyUnavailable("down", false, Duration.ofSeconds(1), null);
            }
            return JsonApi.data(status, Json.object("run", run));
        });
    }

    @Test
    void a_retry_with_the_key_gets_the_first_answer_and_does_not_run_again() {
        Router router = router(201);

        HttpResponse first = router.handle(post("ann", "k1", "{\"a\":1}"));
        HttpResponse retry = router.handle(post("ann", "k1", "{\"a\":1}"));

        assertThat(runs).hasValue(1);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void another_body_under_the_key_is_422_and_does_not_run() {
        Router router = router(201);
        router.handle(post("ann", "k1", "{\"a\":1}"));

        HttpResponse other = router.handle(post("ann", "k1", "{\"a\":2}"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(runs).hasValue(1);
    }

    @Test
    void a_request_still_running_under_the_key_makes_a_retry_409() {
        store.claim("ann", "k1", Idempotency.fingerprint(new HttpRequest(post("ann", "k1", "{\"a\":1}"))));

        assertThat(router(201).handle(post("ann", "k1", "{\"a\":1}")).statusCode()).isEqualTo(409);
        assertThat(runs).hasValue(0);
    }

    @Test
    void an_answer_that_changed_nothing_for_want_of_a_dependency_is_not_kept_so_a_retry_runs() {
        Router router = router(503);

        assertThat(router.handle(post("ann", "k1", "{\"a\":1}")).statusCode()).isEqualTo(503);
        assertThat(router.handle(post("ann", "k1", "{\"a\":1}")).statusCode()).isEqualTo(503);

        assertThat(runs).hasValue(2);
    }

    @Test
    void keys_are_per_caller_and_requests_without_one_always_run() {
        Router router = router(201);
        router.handle(post("ann", "k1", "{\"a\":1}"));
        router.handle(post("bob", "k1", "{\"a\":1}"));
        router.handle(post("ann", null, "{\"a\":1}"));
        router.handle(post("ann", null, "{\"a\":1}"));

        assertThat(runs).hasValue(4);
    }

    @Test
    void a_key_is_1_to_255_printable_ascii_characters() {
        assertThat(Idempotency.isValidKey("order-42/attempt 1")).isTrue();
        assertThat(Idempotency.isValidKey("k".repeat(255))).isTrue();
        for (String bad : List.of("", "k".repeat(256), "tab\there", "line\nbreak", "naïve", "del\u007f")) {
            assertThat(Idempotency.isValidKey(bad)).as(bad).isFalse();
            assertThat(router(201).handle(post("ann", bad, "{}")).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(runs).hasValue(0);
    }
}
