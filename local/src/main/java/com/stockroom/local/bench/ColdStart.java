package com.stockroom.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, run in a fresh JVM whose class path is only a function's own jar, this class
 * and {@code aws-lambda-java-serialization}, as the Java runtime has them: the handler is built
 * (the init phase), the event's JSON is turned into the handler's event type by the runtime's
 * serializers, the handler is invoked once and its answer is serialized and printed. The last
 * line is the JVM's peak resident set ({@code VmHWM}), for the benchmark to read.
 *
 * <p>It uses nothing from the local stack: only the JDK and the classes the Java runtime itself
 * provides.
 *
 * <p>Arguments: {@code Class::method} and the event's JSON file.
 */
public final class ColdStart {

    /** The line that carries the peak resident set, in kB. */
    public static final String PEAK_RSS = "@@peak-rss-kb ";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args[0];
        String eventJson = Files.readString(Path.of(args[1]));
        int colons = handler.indexOf("::");
        String className = colons < 0 ? handler : handler.substring(0, colons);
        String methodName = colons < 0 ? "handleRequest" : handler.substring(colons + 2);
        ClassLoader loader = ColdStart.class.getClassLoader();

        Class<?> type = Class.forName(className, true, loader);
        Object instance = type.getConstructor().newInstance();
        Method method = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() == 2
                    && Context.class.equals(m.getParameterTypes()[1])) {
                method = m;
            }
        }
        if (method == null) {
            throw new IllegalStateException(className + " has no " + methodName + "(event, Context)");
        }
        PojoSerializer<Object> input = serializer(method.getParameterTypes()[0], loader);
        PojoSerializer<Object> output = serializer(method.getReturnType(), loader);

        Object result = method.invoke(instance, input.fromJson(eventJson), new MinimalContext(className));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (result == null) {
            answer.writeBytes("null".getBytes(StandardCharsets.UTF_8));
        } else {
            output.toJson(result, answer);
        }
        System.out.println(answer.toString(StandardCharsets.UTF_8));
        System.out.println(PEAK_RSS + peakRssKb());
        System.out.flush();
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    /** {@code VmHWM} from {@code /proc/self/status}, or -1 where there is none (not Linux). */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
        return -1;
    }

    private record MinimalContext(String name) implements Context, LambdaLogger {
        @Override
        public String getAwsRequestId() {
            return "cold-start";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + name;
        }

        @Override
        public String getLogStreamName() {
            return "cold-start";
        }

        @Override
        public String getFunctionName() {
            return name;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return this;
        }

        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
