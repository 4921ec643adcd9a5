package com.stockroom.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API's CorsConfiguration, applied as API Gateway applies it: a preflight request
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered by
 * the gateway itself, before any route or authorizer, and every other answer to an allowed origin
 * carries the allow-origin and expose-headers headers, whatever its status. The CORS headers a
 * function sets are dropped, as API Gateway ignores them once CORS is configured.
 */
record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
            List<String> exposeHeaders, Optional<Integer> maxAge, boolean allowCredentials) {

    Cors {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** From the template's CorsConfiguration, intrinsics resolved; {@code true} allows everything. */
    static Cors of(Object configuration) {
        if (Boolean.TRUE.equals(configuration)) {
            return new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), Optional.empty(), false);
        }
        if (!(configuration instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("CorsConfiguration is neither true nor a mapping: " + configuration);
        }
        Object maxAge = map.get("MaxAge");
        return new Cors(strings(map.get("AllowOrigins")), strings(map.get("AllowMethods")), strings(map.get("AllowHeaders")),
                strings(map.get("ExposeHeaders")), maxAge == null ? Optional.empty() : Optional.of(Integer.parseInt(String.valueOf(maxAge))),
                Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials"))));
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    static boolean isPreflight(String method, Optional<String> origin, Optional<String> requestMethod) {
        return method.equals("OPTIONS") && origin.isPresent() && requestMethod.isPresent();
    }

    /** What Access-Control-Allow-Origin says to this origin: the origin itself, {@code *}, or nothing. */
    Optional<String> allowedOrigin(String origin) {
        if (allowOrigins.contains("*")) {
            return Optional.of("*");
        }
        return allowOrigins.contains(origin) ? Optional.of(origin) : Optional.empty();
    }

    /** The headers of the 204 that answers a preflight request: no allow headers to an origin not allowed. */
    Map<String, String> preflight(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        allowedOrigin(origin).ifPresent(allowed -> {
            headers.put("Access-Control-Allow-Origin", allowed);
            headers.put("Access-Control-Allow-Methods", String.join(",", allowMethods));
            if (!allowHeaders.isEmpty()) {
                headers.put("Access-Control-Allow-Headers", String.join(",", allowHeaders));
            }
            maxAge.ifPresent(seconds -> headers.put("Access-Control-Max-Age", Integer.toString(seconds)));
            if (allowCredentials) {
                headers.put("Access-Control-Allow-Credentials", "true");
            }
        });
        headers.put("Vary", "Origin");
        return headers;
    }

    /**
     * An answer's headers as the browser gets them: the function's own CORS headers out, and to
     * an allowed origin the gateway's in.
     */
    Map<String, String> apply(Optional<String> origin, Map<String, String> answerHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        answerHeaders.forEach((name, value) -> {
            if (!name.regionMatches(true, 0, "Access-Control-", 0, 15)) {
                headers.put(name, value);
            }
        });
        Optional<String> allowed = origin.flatMap(this::allowedOrigin);
        if (allowed.isPresent()) {
            headers.put("Access-Control-Allow-Origin", allowed.get());
            if (!exposeHeaders.isEmpty()) {
                headers.put("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
            }
            if (allowCredentials) {
                headers.put("Access-Control-Allow-Credentials", "true");
            }
            headers.merge(varyName(headers), "Origin", (given, added) -> given + ", " + added);
        }
        return headers;
    }

    /** The answer's own spelling of Vary, if it has one, so that the header is not sent twice. */
    private static String varyName(Map<String, String> headers) {
        return headers.keySet().stream().filter(name -> name.equalsIgnoreCase("Vary")).findFirst().orElse("Vary");
    }
}
