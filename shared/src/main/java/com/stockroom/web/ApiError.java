package com.stockroom.web;

/**
 * A request this service answers with a JSON:API error: bad input, a missing resource, a
 * refused change. Thrown at the HTTP edge only; the domain answers with values.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String title;

    public ApiError(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, "Bad Request", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "Not Found", detail);
    }

    public static ApiError conflict(String detail) {
        return new ApiError(409, "Conflict", detail);
    }

    public static ApiError unprocessable(String detail) {
        return new ApiError(422, "Unprocessable Entity", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
