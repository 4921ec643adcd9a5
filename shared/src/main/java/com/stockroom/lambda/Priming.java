package com.stockroom.lambda;

import com.stockroom.web.Json;
import java.util.List;
import java.util.Map;

/**
 * The harmless events each function answers to prime itself before a snapshot: reads of things
 * that do not exist, by a caller named for what it is, so nothing changes and nothing is
 * mistaken for a customer's request.
 */
public final class Priming {

    /** The subject of every priming request. */
    public static final String SUBJECT = "stockroom:priming";

    /** An order id no order has: ULIDs are never made with this time part. */
    public static final String ORDER = "00000000000000000000000000";

    private Priming() {
    }

    /** A GET through the HTTP API: route key, its path with the parameters filled in, and the scope it needs. */
    public static Map<String, Object> httpGet(String routeKey, Map<String, String> pathParameters, String scope) {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        return Json.object(
                "version", "2.0",
                "routeKey", routeKey,
                "rawPath", path,
                "headers", Map.of("accept", "application/json"),
                "pathParameters", pathParameters,
                "requestContext", Json.object(
                        "http", Map.of("method", "GET", "path", path),
                        "authorizer", Map.of("jwt", Json.object(
                                "claims", Map.of("sub", SUBJECT, "scope", scope),
                                "scopes", List.of(scope)))),
                "isBase64Encoded", false);
    }

    /** An SQS event of one message. */
    public static Map<String, Object> queueMessage(String body) {
        return Json.object("Records", List.of(Json.object("messageId", "stockroom-priming", "body", body)));
    }
}
