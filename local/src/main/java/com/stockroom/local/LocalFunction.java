package com.stockroom.local;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One function of the template, run in this JVM as the Java runtime runs it: the handler class
 * is built once (the init phase); a stream handler ({@code handleRequest(InputStream,
 * OutputStream, Context)}) gets each invocation's bytes and writes its answer's, and any other
 * handler's event is turned into its event type, and its answer back into JSON, by the
 * runtime's own serializers. As in the runtime, a {@code RequestStreamHandler} named by its
 * class alone is called through the interface, and a named method by reflection.
 *
 * <p>Unlike Lambda, which gives each concurrent request an instance of its own, one instance
 * serves every request here, concurrently; the handlers are written to allow that.
 */
final class LocalFunction {

    private final String name;
    private final String handler;
    private final String handlerClass;
    private final String handlerMethod;
    private final Map<String, String> environment;
    private final int timeoutSeconds;
    private final int memoryMb;

    private Object instance;
    private Method method;
    /**
     * A stream handler: through the interface when it is a {@code RequestStreamHandler} named by
     * its class alone, else its named method by reflection. Null for any other handler.
     */
    private StreamHandler stream;
    private PojoSerializer<Object> input;
    private PojoSerializer<Object> output;

    LocalFunction(String name, String handler, Map<String, String> environment, int timeoutSeconds, int memoryMb) {
        int colons = handler.indexOf("::");
        this.name = name;
        this.handler = handler;
        this.handlerClass = colons < 0 ? handler : handler.substring(0, colons);
        this.handlerMethod = colons < 0 ? "handleRequest" : handler.substring(colons + 2);
        this.environment = Map.copyOf(environment);
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
    }

    String name() {
        return name;
    }

    String handlerClass() {
        return handlerClass;
    }

    /** The template's handler: {@code Class}, or {@code Class::method}. */
    String handler() {
        return handler;
    }

    /** The environment variables the function runs with. */
    Map<String, String> environment() {
        return environment;
    }

    /** Runs the init phase now rather than on the first invocation. */
    synchronized void init() {
        if (instance != null) {
            return;
        }
        try {
            Class<?> type = Class.forName(handlerClass, true, LocalFunction.class.getClassLoader());
            Object built;
            try {
                Constructor<?> withEnvironment = type.getConstructor(Map.class);
                built = withEnvironment.newInstance(environment);
            } catch (NoSuchMethodException noEnvironmentConstructor) {
                built = type.getConstructor().newInstance();
            }
            if (!handler.contains("::") && built instanceof RequestStreamHandler direct) {
                stream = direct::handleRequest;
                instance = built;
                return;
            }
            Method found = null;
            for (Method m : type.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (m.getName().equals(handlerMethod) && p.length == 3 && InputStream.class.equals(p[0])
                        && OutputStream.class.equals(p[1]) && Context.class.equals(p[2])) {
                    Object target = built;
                    stream = (in, out, context) -> {
                        try {
                            m.invoke(target, in, out, context);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    };
                    instance = built;
                    return;
                }
            }
            for (Method m : type.getMethods()) {
                if (m.getName().equals(handlerMethod) && !m.isBridge() && m.getParameterCount() == 2
                        && Context.class.equals(m.getParameterTypes()[1])) {
                    found = m;
                }
            }
            if (found == null) {
                throw new IllegalStateException(handlerClass + " has no " + handlerMethod + "(event, Context)");
            }
            input = serializer(found.getParameterTypes()[0]);
            output = serializer(found.getReturnType());
            method = found;
            instance = built;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("init of " + name + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load handler " + handlerClass, e);
        }
    }

    /** Invokes the function with an event as Lambda would deliver it, answering its JSON. */
    String invoke(String eventJson) throws FunctionError {
        init();
        if (stream != null) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                stream.handle(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), answer, new LocalContext());
            } catch (Throwable thrown) {
                throw new FunctionError(name, thrown);
            }
            return answer.size() == 0 ? "null" : answer.toString(StandardCharsets.UTF_8);
        }
        Object event = input.fromJson(eventJson);
        Object result;
        try {
            result = method.invoke(instance, event, new LocalContext());
        } catch (InvocationTargetException e) {
            throw new FunctionError(name, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (result == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        ClassLoader loader = LocalFunction.class.getClassLoader();
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    /** A stream handler's call, whatever it throws being the function's error. */
    @FunctionalInterface
    private interface StreamHandler {
        void handle(InputStream in, OutputStream out, Context context) throws Throwable;
    }

    /** The function threw: what Lambda reports as a function error. */
    static final class FunctionError extends Exception {
        FunctionError(String function, Throwable cause) {
            super(function + " failed: " + cause, cause);
        }
    }

    private final class LocalContext implements Context {
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + name;
        }

        @Override
        public String getLogStreamName() {
            return "local";
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
            return "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + name;
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
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return memoryMb;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println("[" + name + "] " + message);
                }

                @Override
                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
