package com.stockroom.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer to an HTTP API request, as the payload 2.0 response Lambda hands back to API
 * Gateway: {@code {"statusCode", "headers", "body", "isBase64Encoded": false}}. Written by hand,
 * so no serializer looks at it by reflection.
 */
public record HttpResponse(int statusCode, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The same answer with one more header (or that header replaced). */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(statusCode, more, body);
    }

    /** The response document Lambda returns to API Gateway. */
    public String toJson() {
        return Json.write(Json.object("statusCode", statusCode, "headers", headers, "body", body, "isBase64Encoded", false));
    }
}
