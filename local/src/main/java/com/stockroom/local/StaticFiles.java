package com.stockroom.local;

import com.stockroom.web.JsonApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Files the gateway serves itself (the API's document and viewer, the console): GET only, each
 * path with its content type, each read once and kept. A path whose file this build lacks is a
 * JSON:API 404.
 */
final class StaticFiles {

    private final Map<String, String> types;
    private final Function<String, Optional<byte[]>> reader;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** {@code types}: each served path with its content type; {@code reader}: a path's bytes, if this build has them. */
    StaticFiles(Map<String, String> types, Function<String, Optional<byte[]>> reader) {
        this.types = Map.copyOf(types);
        this.reader = reader;
    }

    HttpGateway.Answer answer(String method, String path) {
        if (!method.equals("GET")) {
            return HttpGateway.Answer.json(405, JsonApi.errors(405, "Method Not Allowed", path + " answers GET only"))
                    .withHeader("Allow", "GET");
        }
        Optional<byte[]> body = types.containsKey(path)
                ? Optional.ofNullable(cache.computeIfAbsent(path, p -> reader.apply(p).orElse(null)))
                : Optional.empty();
        if (body.isEmpty()) {
            return HttpGateway.Answer.json(404, JsonApi.errors(404, "Not Found", path + " is not in this build of the local stack"));
        }
        Map<String, String> headers = Map.of("Content-Type", types.get(path), "Cache-Control", "no-cache");
        return new HttpGateway.Answer(200, headers, body.get());
    }

    /** A resource of the jar (or classes folder), by its absolute name. */
    static Optional<byte[]> resource(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
