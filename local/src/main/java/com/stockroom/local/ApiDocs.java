package com.stockroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's document and a page to read it, served by the gateway itself and open to all,
 * as the issuer's routes are: {@code GET /openapi.json} (the project's openapi.json, the file the
 * tests check) and {@code GET /docs}, a Swagger UI page whose script and styles come from this
 * stack too ({@code /docs/assets/...}, copied into the jar from the npm package swagger-ui-dist
 * at build time): nothing is loaded from another host.
 */
final class ApiDocs {

    static final String DOCUMENT = "/openapi.json";
    static final String PAGE = "/docs";
    static final String ASSETS = "/docs/assets/";

    /** Each served path with its content type. */
    static final Map<String, String> ROUTES;

    static {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put(DOCUMENT, "application/json");
        routes.put(PAGE, "text/html; charset=utf-8");
        routes.put(ASSETS + "swagger-ui-bundle.js", "text/javascript; charset=utf-8");
        routes.put(ASSETS + "swagger-ui.css", "text/css; charset=utf-8");
        routes.put(ASSETS + "docs.js", "text/javascript; charset=utf-8");
        ROUTES = Map.copyOf(routes);
    }

    private final StaticFiles files = new StaticFiles(ROUTES, ApiDocs::read);

    static boolean serves(String path) {
        return ROUTES.containsKey(path);
    }

    HttpGateway.Answer answer(String method, String path) {
        return files.answer(method, path);
    }

    private static Optional<byte[]> read(String path) {
        try {
            if (path.equals(DOCUMENT)) {
                Optional<Path> file = documentFile();
                if (file.isPresent()) {
                    return Optional.of(Files.readAllBytes(file.get()));
                }
                return StaticFiles.resource("/openapi.json");
            }
            return StaticFiles.resource(path.equals(PAGE) ? "/docs/index.html" : path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The repository's openapi.json, found as template.yaml is: {@code STOCKROOM_OPENAPI} (or the
     * {@code stockroom.openapi} property), else {@code ./openapi.json}, else the project folder of
     * the jar or classes; failing all, the copy in the jar.
     */
    static Optional<Path> documentFile() {
        List<Optional<String>> named = List.of(Optional.ofNullable(System.getenv("STOCKROOM_OPENAPI")),
                Optional.ofNullable(System.getProperty("stockroom.openapi")));
        for (Optional<String> name : named) {
            if (name.isPresent() && !name.get().isBlank()) {
                return Optional.of(Path.of(name.get().strip()));
            }
        }
        Path here = Path.of("openapi.json");
        if (Files.isRegularFile(here)) {
            return Optional.of(here);
        }
        try {
            // local/target/stockroom-local.jar or local/target/classes: the project folder is a few levels up.
            Path dir = Path.of(ApiDocs.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("openapi.json")) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                    return Optional.of(dir.resolve("openapi.json"));
                }
            }
        } catch (URISyntaxException | RuntimeException unknown) {
            // no code location: the copy in the jar
        }
        return Optional.empty();
    }
}
