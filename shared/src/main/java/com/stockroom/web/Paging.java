package com.stockroom.web;

import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.PageRequest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A listing's {@code page[limit]} and {@code page[cursor]}, the same on every paged route: a limit
 * from 1 to {@link PageRequest#MAX_LIMIT} ({@link PageRequest#DEFAULT_LIMIT} when none is given),
 * and an opaque cursor this service handed out; anything else is a 400.
 */
public final class Paging {

    private static final String NOT_OURS = "page[cursor] is not one this service handed out";

    private Paging() {
    }

    public static PageRequest request(HttpRequest request) {
        int limit = request.queryInt("page[limit]", 1, PageRequest.MAX_LIMIT).orElse(PageRequest.DEFAULT_LIMIT);
        Optional<String> cursor = request.query("page[cursor]");
        if (cursor.isPresent() && !cursor.get().matches("[A-Za-z0-9_-]{1,200}")) {
            throw ApiError.badRequest(NOT_OURS);
        }
        return new PageRequest(limit, cursor);
    }

    /** Reads a page; a cursor well formed but not one the store can follow is a 400 too. */
    public static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidCursor invalid) {
            throw ApiError.badRequest(NOT_OURS);
        }
    }
}
