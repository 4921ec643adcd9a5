package com.stockroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * openapi.json as the tests read it: the operations by method and path template, and each
 * answer checked against the response the document describes for its route and status.
 *
 * <p>Left out of the check, on purpose: the local stack's own routes, which the document does
 * not describe ({@code GET /}, the issuer's {@code /local/tokens}, {@code /oauth/access_token},
 * {@code /.well-known/...}, {@code /local/events}, {@code /openapi.json} and {@code /docs} themselves, which
 * {@code OpenApiIT} checks, and the {@code /console} page, which {@code ConsoleIT} checks), and CORS preflights ({@code OPTIONS}), which API Gateway answers
 * itself with no body. A request that matches no operation of the document (API Gateway's
 * {@code $default}) may only be answered by a JSON:API error with one of {@link #UNROUTED}.
 * The gateway's HTTP-level refusals ({@link #HTTP_FAULTS}: an over-long target, too many or too
 * large headers, an Expect it does not take) may answer any request, as a JSON:API error.
 */
final class OpenApiDocument {

    /** What a request to no route of the document may get: a bad path escape, no token, no such route, too large a body. */
    static final Set<Integer> UNROUTED = Set.of(400, 401, 404, 413);

    /** The gateway's answers to a request it cannot take at the HTTP level, whatever the route. */
    static final Set<Integer> HTTP_FAULTS = Set.of(414, 417, 431);

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile OpenApiDocument shared;

    final JsonNode root;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** The project's openapi.json: {@code stockroom.openapi}, else {@code ../openapi.json} (the tests run in local/). */
    static OpenApiDocument get() {
        if (shared == null) {
            synchronized (OpenApiDocument.class) {
                if (shared == null) {
                    shared = read(file());
                }
            }
        }
        return shared;
    }

    static Path file() {
        return Path.of(System.getProperty("stockroom.openapi", "../openapi.json"));
    }

    static OpenApiDocument read(Path file) {
        try {
            return new OpenApiDocument(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One operation: its method (lower case), path template and the operation object. */
    record Operation(String method, String path, JsonNode node) {
        String route() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
            }
        }));
        return operations;
    }

    /** The local stack's own paths, which the document leaves out. */
    static boolean localRoute(String path) {
        return path.equals("/") || IssuerEndpoints.serves(path) || ApiDocs.serves(path) || path.startsWith(ApiDocs.PAGE + "/")
                || Console.serves(path) || path.startsWith(Console.PAGE + "/")
                || LocalEventBus.serves(path);
    }

    /** The operation API Gateway would route this to: literal segments before parameters, as the gateway ranks them. */
    Optional<Operation> match(String method, String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = List.of(rawPath.substring(1).split("/", -1));
        return operations().stream()
                .filter(op -> op.method().equalsIgnoreCase(method))
                .filter(op -> matches(op.path(), segments))
                .max(Comparator.comparingLong(op -> literals(op.path())));
    }

    private static boolean matches(String template, List<String> segments) {
        List<String> pattern = List.of(template.substring(1).split("/", -1));
        if (pattern.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            boolean parameter = p.startsWith("{") && p.endsWith("}");
            if (parameter ? segments.get(i).isEmpty() : !p.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static long literals(String template) {
        return List.of(template.substring(1).split("/", -1)).stream().filter(s -> !s.startsWith("{")).count();
    }

    /** Follows a {@code #/components/...} reference, if the node is one. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref") && node.get("$ref").asText().startsWith("#/components/responses/")
                || node.has("$ref") && node.get("$ref").asText().startsWith("#/components/parameters/")) {
            node = root.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /**
     * What is wrong with this answer to this request, by the document; empty when nothing is.
     * {@code rawPath} is the request target's path, before any query.
     */
    Optional<String> violation(String method, String rawPath, int status, Optional<String> contentType, String body) {
        if (method.equals("OPTIONS") || localRoute(rawPath)) {
            return Optional.empty();
        }
        Optional<Operation> operation = match(method, rawPath);
        if (operation.isEmpty() || HTTP_FAULTS.contains(status)) {
            String where = method + " " + rawPath + " (no route of the document)";
            if (operation.isEmpty() && !UNROUTED.contains(status) && !HTTP_FAULTS.contains(status)) {
                return Optional.of(where + " answered " + status + ", which no route may: only " + UNROUTED);
            }
            return validate("#/components/schemas/Errors", JSON.createObjectNode().put("$ref", "#/components/schemas/Errors"),
                    where, status, contentType, body);
        }
        Operation op = operation.get();
        JsonNode response = op.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return Optional.of(op.route() + " answered " + status + ", which the document does not describe (it has "
                    + fieldNames(op.node().path("responses")) + "): " + body);
        }
        response = resolve(response);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        String key = op.route() + " " + status;
        if (schema.isMissingNode()) {
            if (body != null && !body.isEmpty()) {
                return Optional.of(key + " has a body, which the document says it has not: " + body);
            }
            return Optional.empty();
        }
        return validate(key, schema, key, status, contentType, body);
    }

    private Optional<String> validate(String key, JsonNode schema, String where, int status, Optional<String> contentType, String body) {
        if (contentType.isEmpty() || !contentType.get().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return Optional.of(where + " " + status + " answered Content-Type " + contentType.orElse("(none)") + ", not application/json");
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return Optional.of(where + " " + status + " answered a body that is not JSON: " + body);
        }
        if (parsed == null || parsed.isMissingNode()) {
            return Optional.of(where + " " + status + " answered no body; the document describes one");
        }
        JsonSchema compiledSchema = compiled.computeIfAbsent(key, k -> compile(schema));
        Set<ValidationMessage> messages = compiledSchema.validate(parsed);
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(where + " " + status + " does not match the document: "
                + messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")) + " in " + body);
    }

    /** The response's schema as a schema document of its own, with the document's components beside it for its references. */
    private JsonSchema compile(JsonNode schema) {
        ObjectNode standalone = JSON.createObjectNode();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        fields.forEachRemaining(field -> standalone.set(field.getKey(), field.getValue()));
        standalone.set("components", root.path("components"));
        return schemas.getSchema(standalone);
    }

    static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }
}
