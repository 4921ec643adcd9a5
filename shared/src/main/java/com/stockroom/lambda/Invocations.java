package com.stockroom.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockroom.common.Telemetry;
import com.stockroom.platform.TimeBudget;
import java.util.function.Supplier;

/**
 * One invocation of a handler: its retry budget is the time Lambda still gives it, and what it
 * handles is logged as {@code function}, with Lambda's request id as the correlation id of last
 * resort.
 */
public final class Invocations {

    private Invocations() {
    }

    public static <T> T within(Context context, Telemetry.Function function, Supplier<T> handling) {
        if (context != null) {
            TimeBudget.start(context.getRemainingTimeInMillis());
        }
        Telemetry.enter(function, context == null ? null : context.getAwsRequestId());
        try {
            return handling.get();
        } finally {
            Telemetry.leave();
            TimeBudget.end();
        }
    }
}
