package com.stockroom.lambda;

import com.stockroom.common.Telemetry;
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

    private Snapshots() {
    }

    /**
     * Registers a handler for the runtime's snapshot hooks. The handler itself is the resource,
     * as long-lived as the function, so the context's references to it may be weak.
     */
    public static void register(Resource handler) {
        Core.getGlobalContext().register(handler);
    }

    /**
     * Runs {@code priming} as an invocation of {@code function} whose log lines are built but not
     * written, so the logging's code is primed too and nothing reaches the logs; a priming that
     * fails leaves the snapshot unprimed, not failed, and says so.
     */
    public static void prime(Telemetry.Function function, Runnable priming) {
        try {
            Invocations.within(null, function.unwritten(), () -> {
                priming.run();
                return null;
            });
        } catch (RuntimeException failed) {
            // Said outside the priming's invocation, so it is written.
            Telemetry.warn(function.name() + ": priming before the snapshot failed, so the snapshot is taken unprimed: " + failed);
        }
    }
}
