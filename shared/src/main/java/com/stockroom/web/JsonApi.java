package com.stockroom.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.stockroom.common.DependencyUnavailable;
import java.util.List;
import java.util.Map;

/** Responses in Elastic Path's JSON:API style: {@code data} on success, {@code errors} on failure. */
public final class JsonApi {

    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private JsonApi() {
    }

    public static APIGatewayV2HTTPResponse data(int status, Object data) {
        return respond(status, Json.object("data", data));
    }

    public static APIGatewayV2HTTPResponse respond(int status, Map<String, ?> document) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON_HEADERS)
                .withBody(Json.write(document))
                .build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    public static APIGatewayV2HTTPResponse error(ApiError error) {
        APIGatewayV2HTTPResponse response = respond(error.status(), errors(error.status(), error.title(), error.detail()));
        if (error.status() == 401) {
            response.setHeaders(Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer realm=\"stockroom\""));
        }
        return response;
    }

    /** 503, or 429 when the dependency was throttling: nothing is known to have changed; try again after a while. */
    public static APIGatewayV2HTTPResponse unavailable(DependencyUnavailable unavailable) {
        int status = unavailable.throttled() ? 429 : 503;
        String title = unavailable.throttled() ? "Too Many Requests" : "Service Unavailable";
        String retryAfter = Long.toString(Math.max(1, unavailable.retryAfter().toSeconds()));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "Retry-After", retryAfter))
                .withBody(Json.write(errors(status, title, "the service is busy or briefly unavailable; try again in "
                        + retryAfter + " s")))
                .build();
    }

    public static Map<String, Object> errors(int status, String title, String detail) {
        return Json.object("errors", List.of(Json.object("status", status, "title", title, "detail", detail)));
    }
}
