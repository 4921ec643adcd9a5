package com.stockroom.web;

import com.stockroom.stock.model.InvalidCursor;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A listing's {@code page[limit]} and {@code page[cursor]}, the same on every paged route: a limit
 * from 1 to {@link PageRequest#MAX_LIMIT} ({@link PageRequest#DEFAULT_LIMIT} when none is given),
 * and an opaque cursor this service handed out; anything else is a 400.
 */
public final class Paging {

    private static final String NOT_OURS = "page[cursor] is not one this service handed out";
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private Paging() {
    }

    public static PageRequest request(HttpRequest request) {
        int limit = request.queryInt("page[limit]", 1, PageRequest.MAX_LIMIT).orElse(PageRequest.DEFAULT_LIMIT);
        Optional<String> cursor = request.query("page[cursor]");
        if (cursor.isPresent() && !CURSOR.matcher(cursor.get()).matches()) {
            throw ApiError.badRequest(NOT_OURS);
        }
        return new PageRequest(limit, cursor);
    }

    /**
     * A page of resources with {@code links.next}: the same listing ({@code path}, with
     * {@code query} when it has one, such as a filter) from the next cursor on, or null at the end.
     */
    public static <T> Map<String, Object> document(Page<T> page, Function<T, Map<String, Object>> render, String path, String query,
                                                   int limit) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("next", page.nextCursor()
                .map(cursor -> path + "?" + (query.isEmpty() ? "" : query + "&") + "page[limit]=" + limit
                        + "&page[cursor]=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                .orElse(null));
        return Json.object("data", page.items().stream().map(render).toList(), "links", links);
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
