package com.stockroom.local;

import com.stockroom.web.JsonApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stock console at {@code GET /console}: a page, its script and styles, and the chart library
 * uPlot (copied into the jar from its npm package at build time), all served by this stack, so
 * nothing is loaded from another host. Open to all, as {@code /docs} is; the page itself calls the
 * API like any client, with a token it asks the local issuer for.
 */
final class Console {

    static final String PAGE = "/console";
    static final String ASSETS = "/console/assets/";

    /** Each served path with its content type. */
    static final Map<String, String> ROUTES = Map.of(
            PAGE, "text/html; charset=utf-8",
            PAGE + "/", "text/html; charset=utf-8",
            ASSETS + "console.js", "text/javascript; charset=utf-8",
            ASSETS + "console.css", "text/css; charset=utf-8",
            ASSETS + "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            ASSETS + "uPlot.min.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    static boolean serves(String path) {
        return ROUTES.containsKey(path);
    }

    HttpGateway.Answer answer(String method, String path) {
        if (!method.equals("GET")) {
            return HttpGateway.Answer.json(405, JsonApi.errors(405, "Method Not Allowed", path + " answers GET only"))
                    .withHeader("Allow", "GET");
        }
        Optional<byte[]> body = Optional.ofNullable(cache.computeIfAbsent(path, p -> resource(p).orElse(null)));
        if (body.isEmpty()) {
            return HttpGateway.Answer.json(404, JsonApi.errors(404, "Not Found", path + " is not in this build of the local stack"));
        }
        Map<String, String> headers = Map.of("Content-Type", ROUTES.get(path), "Cache-Control", "no-cache");
        return new HttpGateway.Answer(200, headers, body.get());
    }

    /** The page is {@code console/index.html} in the jar; assets keep their names under {@code console/assets/}. */
    private static Optional<byte[]> resource(String path) {
        String name = path.startsWith(ASSETS) ? path : "/console/index.html";
        try (InputStream in = Console.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
