package com.stockroom.local;

import java.util.Map;
import java.util.Optional;

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

    private final StaticFiles files = new StaticFiles(ROUTES, Console::read);

    static boolean serves(String path) {
        return ROUTES.containsKey(path);
    }

    HttpGateway.Answer answer(String method, String path) {
        return files.answer(method, path);
    }

    /** The page is {@code console/index.html} in the jar; assets keep their names under {@code console/assets/}. */
    private static Optional<byte[]> read(String path) {
        return StaticFiles.resource(path.startsWith(ASSETS) ? path : "/console/index.html");
    }
}
