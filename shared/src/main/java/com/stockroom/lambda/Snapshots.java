package com.stockroom.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda SnapStart: the function's init runs once, a snapshot of the JVM is taken, and every
 * cold start after that is a restore. Just before the snapshot each function primes itself,
 * answering one harmless event through its whole path (JSON, routing, the SDK client's first
 * call), so the classes and code that path needs are loaded and in the snapshot rather than
 * loaded on a customer's first request.
 *
 * <p>Nothing unique is made at init: transaction ids draw fresh randomness from
 * {@code SecureRandom} each new millisecond, and request tokens are made per request, so two
 * environments restored from one snapshot make different ids. On a JVM without CRaC (the local
 * stack, a plain Lambda start) registering does nothing.
 */
public final class Snapshots {

    /** The CRaC context may hold its resources weakly: these must live as long as the function. */
    private static final List<Resource> REGISTERED = new CopyOnWriteArrayList<>();

    private Snapshots() {
    }

    /** Runs {@code priming} before a snapshot is taken; a priming that fails leaves the snapshot unprimed, not failed. */
    public static void primeBeforeSnapshot(String function, Runnable priming) {
        Resource resource = new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                try {
                    priming.run();
                } catch (RuntimeException failed) {
                    System.err.println(function + ": priming before the snapshot failed, so the snapshot is taken unprimed: " + failed);
                }
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                // Nothing made at init is unique to an environment; see the class comment.
            }
        };
        REGISTERED.add(resource);
        Core.getGlobalContext().register(resource);
    }
}
