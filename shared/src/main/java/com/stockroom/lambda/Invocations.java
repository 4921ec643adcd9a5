package com.stockroom.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockroom.platform.TimeBudget;
import java.util.function.Supplier;

/** One invocation of a handler: its retry budget is the time Lambda still gives it. */
public final class Invocations {

    private Invocations() {
    }

    public static <T> T within(Context context, Supplier<T> handling) {
        if (context != null) {
            TimeBudget.start(context.getRemainingTimeInMillis());
        }
        try {
            return handling.get();
        } finally {
            TimeBudget.end();
        }
    }
}
