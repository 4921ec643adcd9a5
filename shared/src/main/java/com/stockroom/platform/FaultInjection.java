package com.stockroom.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Makes DynamoDB and SQS misbehave as they do on AWS, for the local stack and the tests only:
 * switched on by {@code STOCKROOM_FAULT_RATE} (a share from 0 to 1), never set on AWS. It sits
 * at the HTTP client, under the SDK, so the SDK parses and retries an injected fault exactly as
 * it would a real one. Of the calls it picks, it answers some itself without sending them
 * (throttling; a conflicting transaction, as {@code TransactionConflictException} or as a
 * {@code TransactionCanceledException} whose reasons are all {@code TransactionConflict}; an
 * internal server error) and sends the rest but drops their answer after the write landed
 * (an I/O error, as a lost connection or a timeout would give).
 */
public final class FaultInjection implements SdkHttpClient {

    /** The kinds of fault, each injected about as often as the others. */
    public enum Fault { THROTTLING, CONFLICT, SERVER_ERROR, ANSWER_LOST }

    private static volatile double rate;
    private static final AtomicLong INJECTED = new AtomicLong();
    private static final JsonFactory JSON = new JsonFactory();

    private final SdkHttpClient delegate;

    FaultInjection(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Sets the share of calls that fail, from 0 (none) to 1 (all), for every client this process made. */
    public static void rate(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a fault rate is a share from 0 to 1, not " + share);
        }
        rate = share;
    }

    /** How many faults were injected since this process started. */
    public static long injected() {
        return INJECTED.get();
    }

    static double parseRate(String value) {
        try {
            double share = Double.parseDouble(value.strip());
            rate(share);
            return share;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("STOCKROOM_FAULT_RATE must be a share from 0 to 1, not " + value);
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        double share = rate;
        if (share == 0 || ThreadLocalRandom.current().nextDouble() >= share) {
            return delegate.prepareRequest(request);
        }
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        Fault fault = Fault.values()[ThreadLocalRandom.current().nextInt(Fault.values().length)];
        INJECTED.incrementAndGet();
        if (fault == Fault.ANSWER_LOST) {
            ExecutableHttpRequest real = delegate.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    HttpExecuteResponse landed = real.call();
                    landed.responseBody().ifPresent(body -> {
                        try {
                            body.close();
                        } catch (IOException ignored) {
                            // the answer is being thrown away anyway
                        }
                    });
                    throw new IOException("injected fault: the answer to " + target + " was lost after it was sent");
                }

                @Override
                public void abort() {
                    real.abort();
                }
            };
        }
        HttpExecuteResponse answer = answer(fault, target, request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return answer;
            }

            @Override
            public void abort() {
            }
        };
    }

    private static HttpExecuteResponse answer(Fault fault, String target, HttpExecuteRequest request) {
        boolean sqs = target.startsWith("AmazonSQS");
        String prefix = sqs ? "com.amazonaws.sqs#" : "com.amazonaws.dynamodb.v20120810#";
        int status = 400;
        String body;
        if (fault == Fault.THROTTLING) {
            body = error(prefix + (sqs ? "RequestThrottled" : "ProvisionedThroughputExceededException"), "injected fault: throttled");
        } else if (fault == Fault.SERVER_ERROR || sqs) {
            status = 500;
            body = error(prefix + (sqs ? "InternalError" : "InternalServerError"), "injected fault: internal server error");
        } else if (target.endsWith(".TransactWriteItems")) {
            StringJoiner reasons = new StringJoiner(",", "[", "]");
            for (int i = 0; i < transactItems(request); i++) {
                reasons.add("{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}");
            }
            body = "{\"__type\":\"" + prefix + "TransactionCanceledException\",\"message\":\"injected fault: "
                    + "Transaction cancelled, please refer cancellation reasons for specific reasons\",\"CancellationReasons\":" + reasons + "}";
        } else {
            body = error(prefix + "TransactionConflictException", "injected fault: Transaction is ongoing for the item");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", "injected-" + INJECTED.get())
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    /** How many actions a TransactWriteItems request holds, so the cancellation has a reason for each. */
    private static int transactItems(HttpExecuteRequest request) {
        Optional<InputStream> content = request.contentStreamProvider().map(p -> p.newStream());
        if (content.isEmpty()) {
            return 1;
        }
        try (InputStream in = content.get(); JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 1;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("TransactItems") && parser.currentToken() == JsonToken.START_ARRAY) {
                    int count = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        count++;
                    }
                    return Math.max(1, count);
                }
                parser.skipChildren();
            }
            return 1;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
