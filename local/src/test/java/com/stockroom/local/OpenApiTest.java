package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * openapi.json against template.yaml: the same routes (method and path) with the same scopes,
 * nothing in the document that the template does not deploy, and the document's own references,
 * errors and headers in order.
 */
class OpenApiTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.get();

    /** Each HttpApi route of the template ({@code POST /v2/inventories/{product_id}}) with its AuthorizationScopes. */
    private static Map<String, Set<String>> templateRoutes() throws Exception {
        Template template = Template.read(Path.of(System.getProperty("stockroom.template", "../template.yaml")));
        Map<String, Set<String>> routes = new TreeMap<>();
        template.resources("AWS::Serverless::Function").forEach((id, function) ->
                Template.mapOfMaps(function.get("Events")).forEach((eventId, event) -> {
                    if (!"HttpApi".equals(event.get("Type"))) {
                        return;
                    }
                    Map<String, Object> p = Template.properties(event);
                    String path = String.valueOf(p.getOrDefault("Path", "$default"));
                    if (path.equals("$default")) {
                        return; // the catch-all: a JSON:API 404 for any other method and path
                    }
                    Set<String> scopes = new TreeSet<>();
                    if (p.get("Auth") instanceof Map<?, ?> auth && auth.get("AuthorizationScopes") instanceof List<?> list) {
                        list.forEach(scope -> scopes.add(String.valueOf(scope)));
                    }
                    routes.put(String.valueOf(p.get("Method")).toUpperCase(java.util.Locale.ROOT) + " " + path, scopes);
                }));
        return routes;
    }

    /** Each operation's scopes: each security requirement names the AccessToken scheme with one scope, any of which will do. */
    private static Map<String, Set<String>> documentRoutes() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (OpenApiDocument.Operation op : DOCUMENT.operations()) {
            Set<String> scopes = new TreeSet<>();
            for (JsonNode requirement : op.node().path("security")) {
                assertThat(OpenApiDocument.fieldNames(requirement)).as(op.route() + " security").isEqualTo("[AccessToken]");
                assertThat(requirement.path("AccessToken").size()).as(op.route() + ": one scope per requirement (any one will do)").isEqualTo(1);
                scopes.add(requirement.path("AccessToken").get(0).asText());
            }
            routes.put(op.route(), scopes);
        }
        return routes;
    }

    /** The /docs viewer supports only OpenAPI's own base dialect, and shows a warning above the API for any other. */
    @Test
    void theDocumentKeepsOpenApisOwnJsonSchemaDialect() throws Exception {
        Object root = com.stockroom.web.Json.parse(java.nio.file.Files.readString(OpenApiDocument.file()));
        assertThat(((Map<?, ?>) root).get("jsonSchemaDialect")).isIn(null, "https://spec.openapis.org/oas/3.1/dialect/base");
    }

    @Test
    void everyTemplateRouteIsInTheDocumentWithItsScopesAndNothingElseIs() throws Exception {
        Map<String, Set<String>> template = templateRoutes();
        assertThat(template).containsKey("GET /v2/inventories/{product_id}/audit");
        assertThat(documentRoutes()).isEqualTo(template);
    }

    @Test
    void theSecuritySchemeOffersEveryScopeTheTemplateNamesAndTheLocalTokenUrl() throws Exception {
        Set<String> all = new TreeSet<>();
        templateRoutes().values().forEach(all::addAll);
        JsonNode scheme = DOCUMENT.root.at("/components/securitySchemes/AccessToken");
        assertThat(scheme.path("type").asText()).isEqualTo("oauth2");
        JsonNode flow = scheme.at("/flows/clientCredentials");
        assertThat(flow.path("tokenUrl").asText()).isEqualTo(IssuerEndpoints.OAUTH_TOKEN);
        assertThat(new TreeSet<>(listOf(flow.path("scopes")))).isEqualTo(all);
        assertThat(DOCUMENT.root.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void everyOperationDescribesTheAuthorizersAnswersErrorsAsJsonApiAndPostAndPutTakeAnIdempotencyKey() {
        for (OpenApiDocument.Operation op : DOCUMENT.operations()) {
            JsonNode responses = op.node().path("responses");
            assertThat(listOf(responses)).as(op.route()).contains("400", "401", "403", "429", "503");
            responses.fields().forEachRemaining(answer -> {
                int status = Integer.parseInt(answer.getKey());
                JsonNode response = DOCUMENT.resolve(answer.getValue());
                JsonNode schema = response.at("/content/application~1json/schema");
                if (status >= 400) {
                    assertThat(schema.path("$ref").asText()).as(op.route() + " " + status).isEqualTo("#/components/schemas/Errors");
                } else if (status != 204) {
                    assertThat(schema.isMissingNode()).as(op.route() + " " + status + " has a body schema").isFalse();
                }
                if (status == 429) {
                    assertThat(response.at("/headers/Retry-After/required").asBoolean()).as(op.route() + " 429 Retry-After").isTrue();
                }
            });
            List<String> parameters = new ArrayList<>();
            op.node().path("parameters").forEach(p -> parameters.add(DOCUMENT.resolve(p).path("name").asText()));
            boolean write = op.method().equals("post") || op.method().equals("put");
            assertThat(parameters.contains("Idempotency-Key")).as(op.route() + " Idempotency-Key").isEqualTo(write);
            assertThat(op.node().has("requestBody")).as(op.route() + " request body").isEqualTo(write);
            for (String segment : op.path().split("/")) {
                if (segment.startsWith("{")) {
                    assertThat(parameters).as(op.route()).contains(segment.substring(1, segment.length() - 1));
                }
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        references(DOCUMENT.root, broken);
        assertThat(broken).isEmpty();
    }

    private static void references(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || DOCUMENT.root.at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> references(child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> references(child, broken));
        }
    }

    @Test
    void theHookRefusesAnAnswerTheDocumentDoesNotDescribe() {
        java.util.Optional<String> json = java.util.Optional.of("application/json");
        String stock = "{\"data\":{\"id\":\"p1\",\"type\":\"stock\",\"total\":3,\"available\":2,\"allocated\":1}}";
        assertThat(DOCUMENT.violation("GET", "/v2/inventories/p1", 200, json, stock)).isEmpty();
        assertThat(DOCUMENT.violation("GET", "/v2/inventories/p1", 200, json, stock.replace("\"total\":3", "\"total\":-3")))
                .hasValueSatisfying(v -> assertThat(v).contains("GET /v2/inventories/{product_id} 200").contains("total"));
        assertThat(DOCUMENT.violation("GET", "/v2/inventories/p1", 200, json, stock.replace("}}", ",\"extra\":1}}"))).isPresent();
        assertThat(DOCUMENT.violation("GET", "/v2/inventories/p1", 418, json, "{}"))
                .hasValueSatisfying(v -> assertThat(v).contains("418").contains("does not describe"));
        assertThat(DOCUMENT.violation("POST", "/v2/inventories/multiple", 200, json, "{\"data\":[]}")).isEmpty();
        assertThat(DOCUMENT.violation("DELETE", "/v2/inventories/p1", 204, java.util.Optional.empty(), "")).isEmpty();
        assertThat(DOCUMENT.violation("PATCH", "/v2/inventories/p1", 200, json, "{}")).isPresent();
        assertThat(DOCUMENT.violation("PATCH", "/v2/inventories/p1", 404, json,
                "{\"errors\":[{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no\"}]}")).isEmpty();
        assertThat(DOCUMENT.violation("GET", "/v2/inventories/p1", 404, json, "{\"errors\":[{\"status\":\"404\"}]}")).isPresent();
    }

    private static List<String> listOf(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
