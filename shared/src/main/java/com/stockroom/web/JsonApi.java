package com.stockroom.web;

import com.stockroom.common.DependencyUnavailable;
import java.util.List;
import java.util.Map;

/** Responses in Elastic Path's JSON:API style: {@code data} on success, {@code errors} on failure. */
public final class JsonApi {

    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private JsonApi() {
    }

    public static HttpResponse data(int status, Object data) {
        return respond(status, Json.object("data", data));
    }

    public static HttpResponse respond(int status, Map<String, ?> document) {
        return new HttpResponse(status, JSON_HEADERS, Json.write(document));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), null);
    }

    public static HttpResponse error(ApiError error) {
        HttpResponse response = respond(error.status(), errors(error.status(), error.title(), error.detail()));
        if (error.status() == 401) {
            return response.withHeader("WWW-Authenticate", "Bearer realm=\"stockroom\"");
        }
        // Every 503 and 429 says when to try again, whoever raised it.
        return error.status() == 503 || error.status() == 429 ? response.withHeader("Retry-After", "1") : response;
    }

    /** 503, or 429 when the dependency was throttling: nothing is known to have changed; try again after a while. */
    public static HttpResponse unavailable(DependencyUnavailable unavailable) {
        int status = unavailable.throttled() ? 429 : 503;
        String title = unavailable.throttled() ? "Too Many Requests" : "Service Unavailable";
        String retryAfter = Long.toString(Math.max(1, unavailable.retryAfter().toSeconds()));
        return new HttpResponse(status, Map.of("Content-Type", "application/json", "Retry-After", retryAfter),
                Json.write(errors(status, title, "the service is busy or briefly unavailable; try again in " + retryAfter + " s")));
    }

    public static Map<String, Object> errors(int status, String title, String detail) {
        return Json.object("errors", List.of(Json.object("status", status, "title", title, "detail", detail)));
    }
}
