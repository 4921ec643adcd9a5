package com.stockroom.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, run in a fresh JVM whose class path is only a function's own jar, this class
 * and {@code aws-lambda-java-serialization}, as the Java runtime has them: the handler is built
 * (the init phase), the event's JSON is turned into the handler's event type by the runtime's
 * serializers (a stream handler gets the bytes instead), the handler is invoked once and its
 * answer is serialized and printed. As in the runtime, a {@code RequestStreamHandler} named by
 * its class alone is called through the interface, and a named method by reflection. The last
 * line is the JVM's peak resident set ({@code VmHWM}), for the benchmark to read.
 *
 * <p>It uses nothing from the local stack: only the JDK and the classes the Java runtime itself
 * provides.
 *
 * <p>Arguments: the handler ({@code Class} or {@code Class::method}) and the event's JSON file.
 */
public final class ColdStart {

    /** The line that carries the peak resident set, in kB. */
    public static final String PEAK_RSS = "@@peak-rss-kb ";

    /** The line that carries the phases: the handler's init, then its first answer, in ms. */
    public static final String PHASES = "@@phases-ms ";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String handler = args[0];
        String eventJson = Files.readString(Path.of(args[1]));
        int colons = handler.indexOf("::");
        String className = colons < 0 ? handler : handler.substring(0, colons);
        String methodName = colons < 0 ? "handleRequest" : handler.substring(colons + 2);
        ClassLoader loader = ColdStart.class.getClassLoader();

        Class<?> type = Class.forName(className, true, loader);
        Object instance = type.getConstructor().newInstance();
        long initialized = System.nanoTime();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        RequestStreamHandler direct = colons < 0 && instance instanceof RequestStreamHandler streaming ? streaming : null;
        Method stream = direct == null ? streamMethod(type, methodName) : null;
        if (direct != null) {
            direct.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), answer, new MinimalContext(className));
        } else if (stream != null) {
            // A stream handler gets the event's bytes, and writes its answer's: no serializer runs.
            stream.invoke(instance, new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), answer,
                    new MinimalContext(className));
        } else {
            Method method = pojoMethod(type, methodName);
            PojoSerializer<Object> input = serializer(method.getParameterTypes()[0], loader);
            PojoSerializer<Object> output = serializer(method.getReturnType(), loader);
            Object result = method.invoke(instance, input.fromJson(eventJson), new MinimalContext(className));
            if (result == null) {
                answer.writeBytes("null".getBytes(StandardCharsets.UTF_8));
            } else {
                output.toJson(result, answer);
            }
        }
        long answered = System.nanoTime();
        System.out.println(answer.toString(StandardCharsets.UTF_8));
        System.out.println(PEAK_RSS + peakRssKb());
        System.out.println(PHASES + (initialized - mainStarted) / 1_000_000 + " " + (answered - initialized) / 1_000_000);
        System.out.flush();
    }

    /** {@code method(InputStream, OutputStream, Context)}, as a {@code RequestStreamHandler} has, or null. */
    private static Method streamMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            Class<?>[] p = m.getParameterTypes();
            if (m.getName().equals(name) && p.length == 3 && InputStream.class.equals(p[0]) && OutputStream.class.equals(p[1])
                    && Context.class.equals(p[2])) {
                return m;
            }
        }
        return null;
    }

    /** {@code method(event, Context)}, as a {@code RequestHandler} has. */
    private static Method pojoMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && !m.isBridge() && m.getParameterCount() == 2 && Context.class.equals(m.getParameterTypes()[1])) {
                return m;
            }
        }
        throw new IllegalStateException(type.getName() + " has no " + name + "(event, Context) nor " + name
                + "(InputStream, OutputStream, Context)");
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
