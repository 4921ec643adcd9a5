package com.stockroom.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on POST and PUT, as payment APIs have it: the first request with a key
 * runs and its answer is kept (24 hours); a retry with the same key, route and body from the same
 * caller gets that answer again and changes nothing; the same key with another route or body is
 * 422; a retry while the first still runs is 409. An answer that says nothing happened for want of
 * a dependency (503, 429) or a bug (500) is not kept, so a retry runs again.
 */
public final class Idempotency {

    public static final String HEADER = "idempotency-key";
    static final int MAX_KEY_LENGTH = 255;

    /** Where the keys and their answers are kept. */
    public interface Store {

        /** Claims {@code key} of {@code caller} for a request with this fingerprint, or says what holds it. */
        Claim claim(String caller, String key, String fingerprint);

        /** Keeps the answer of the claimed request. */
        void complete(String caller, String key, String fingerprint, StoredAnswer answer);

        /** Gives the claim up: the request may run again. */
        void release(String caller, String key, String fingerprint);
    }

    /** An answer as it is kept and replayed. */
    public record StoredAnswer(int status, Map<String, String> headers, String body) {
    }

    /** What a claim found. */
    public sealed interface Claim {
        /** The key is this request's now: run it. */
        record Claimed() implements Claim {
        }

        /** The same request ran before: its answer. */
        record Done(StoredAnswer answer) implements Claim {
        }

        /** The same request is running now. */
        record Running() implements Claim {
        }

        /** The key was used for another request. */
        record Mismatch() implements Claim {
        }
    }

    private final Store store;

    public Idempotency(Store store) {
        this.store = store;
    }

    /** Runs the request at most once per key, or answers as the key's earlier use says. */
    HttpResponse handle(HttpRequest request, Supplier<HttpResponse> run) {
        Optional<String> key = key(request);
        if (key.isEmpty()) {
            return run.get();
        }
        String caller = request.caller().subject();
        String fingerprint = fingerprint(request);
        Claim claim = store.claim(caller, key.get(), fingerprint);
        if (claim instanceof Claim.Done done) {
            StoredAnswer answer = done.answer();
            return new HttpResponse(answer.status(), answer.headers(), answer.body()).withHeader("Idempotent-Replayed", "true");
        }
        if (claim instanceof Claim.Running) {
            throw ApiError.conflict("a request with this Idempotency-Key is still being processed; try again shortly");
        }
        if (claim instanceof Claim.Mismatch) {
            throw ApiError.unprocessable("this Idempotency-Key was used for a different request (another route or body); use a new key");
        }
        HttpResponse answer;
        try {
            answer = run.get();
        } catch (ApiError refused) {
            answer = JsonApi.error(refused);
        } catch (RuntimeException failed) {
            store.release(caller, key.get(), fingerprint);
            throw failed;
        }
        int status = answer.statusCode();
        if (status >= 500 || status == 429) {
            store.release(caller, key.get(), fingerprint);
        } else {
            store.complete(caller, key.get(), fingerprint, new StoredAnswer(status, answer.headers(), answer.body()));
        }
        return answer;
    }

    /** The key of a POST or PUT, if it has one: 1 to 255 printable ASCII characters, else 400. */
    static Optional<String> key(HttpRequest request) {
        String method = request.method();
        if (!method.equals("POST") && !method.equals("PUT")) {
            return Optional.empty();
        }
        Optional<String> key = request.header(HEADER);
        if (key.isPresent() && !isValidKey(key.get())) {
            throw ApiError.badRequest("the Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH + " printable characters");
        }
        return key;
    }

    static boolean isValidKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** What makes two requests the same: the route, the path and the body, hashed. */
    static String fingerprint(HttpRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.routeKey() + "\n" + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(request.rawBody().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
