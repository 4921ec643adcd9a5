package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A generated corpus of malformed requests across every route of template.yaml: bodies, field
 * types and ranges, ids in paths and bodies, headers, methods, content types and encodings,
 * sizes, query parameters and framing. Each goes out byte for byte over a socket with a real
 * token that has the route's scopes, so it reaches the function unless the gateway itself must
 * refuse it. Every one must get a 4xx JSON:API error (never a 5xx, never a dropped connection),
 * and afterwards the stock, carts and orders it aimed at, and the tables' keys, are as they were.
 */
@ExtendWith(Stack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusIT {

    private static final String OWNER = "corpus-owner";
    private static final String SOME_TRANSACTION = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    private static final String MISSING = "(missing)";
    private static final String CHECKOUT = "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},"
            + "\"shipping_address\":{\"city\":\"Oslo\"},\"billing_address\":{\"city\":\"Oslo\"}}}";

    /** Ids that are not ids, as they go into a path: too long, odd characters, encoded slashes, dot segments, empty, bad escapes. */
    private static final List<String> BAD_PATH_IDS = List.of("x".repeat(65), "p.x", "p%20x", "p%2Fx", "..", ".", "", "%zz", "p%FF",
            "caf%C3%A9", "p%00", "%27%3B--", "p+x");

    /** Every wrong way to give a quantity, which must be a whole number from 1 to 1,000,000,000. */
    private static final List<String> BAD_QUANTITIES = List.of("0", "-1", "-0", "1.0", "1.5", "1e3", "1E+2", "1e999999999999",
            "-1e999999999999", "1e-999999999999", "1" + "0".repeat(400), "1000000001", "9223372036854775808", "\"5\"", "true",
            "null", "[]", "{}", MISSING);

    /** One malformed request: what is wrong with it, the route it aims at, its bytes, and whether to end the stream after them. */
    record Probe(String what, String route, byte[] request, boolean halfClose, boolean authorizerMayAnswer) {
    }

    private String product;
    private String cart;
    private String order;
    private String freshProduct;
    private String freshCart;
    private List<AuthorizerIT.Route> routes;
    private final Map<List<String>, String> tokens = new HashMap<>();

    @BeforeAll
    void fixtures() throws Exception {
        routes = AuthorizerIT.routes().stream().filter(r -> !r.path().equals("$default")).toList();
        Api.Client owner = Api.as(Api.token(OWNER, Api.ALL_SCOPES));
        product = Api.uniqueId("corpus-p");
        expect(owner.post("/v2/inventories/" + product, "{\"data\":{\"quantity\":10}}"), 201);
        expect(owner.post("/v2/inventories/" + product + "/transactions",
                "{\"data\":{\"type\":\"stock-transaction\",\"action\":\"allocate\",\"quantity\":3}}"), 200);
        cart = Api.uniqueId("corpus-cart");
        expect(owner.post("/v2/carts/" + cart + "/items", document(cartItem(), "quantity", "2")), 201);
        String checkedOutCart = Api.uniqueId("corpus-cart");
        expect(owner.post("/v2/carts/" + checkedOutCart + "/items", document(cartItem(), "quantity", "1")), 201);
        Api.Response placed = owner.post("/v2/carts/" + checkedOutCart + "/checkout", CHECKOUT);
        expect(placed, 201);
        order = (String) placed.data().get("id");
        freshProduct = Api.uniqueId("corpus-new");
        freshCart = Api.uniqueId("corpus-new-cart");
        History.await(product, 2);
    }

    private static void expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }

    @Test
    void every_malformed_request_gets_a_4xx_json_api_error_and_changes_nothing() {
        Snapshot before = snapshot();
        List<Probe> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(250);
        assertThat(corpus.stream().map(Probe::route).distinct()).as("routes the corpus covers")
                .containsAll(routes.stream().map(AuthorizerIT.Route::toString).toList());

        long started = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Probe probe : corpus) {
            String failure = check(probe, statuses);
            if (failure != null) {
                failures.add(probe.route() + " with " + probe.what() + ": " + failure);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("BadInputCorpusIT: " + corpus.size() + " malformed requests in " + millis + " ms; answers by status: " + statuses);

        assertThat(failures).as("requests not answered with a 4xx JSON:API error").isEmpty();
        assertThat(snapshot()).as("the stock, carts and orders after the corpus").isEqualTo(before);
    }

    /** Sends one probe; null if it got a proper 4xx JSON:API error, else what was wrong. */
    @SuppressWarnings("unchecked")
    private static String check(Probe probe, Map<Integer, Integer> statuses) {
        RawHttp.Answer answer;
        try {
            answer = RawHttp.send(probe.request(), probe.halfClose());
        } catch (RawHttp.Dropped dropped) {
            statuses.merge(0, 1, Integer::sum);
            return "no answer: " + dropped.getMessage();
        }
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() < 400 || answer.status() > 499) {
            return "answered " + answer;
        }
        if (!probe.authorizerMayAnswer() && (answer.status() == 401 || answer.status() == 403)) {
            return "the authorizer refused it, so it tested nothing: " + answer;
        }
        if (!answer.header("Content-Type").orElse("").startsWith("application/json")) {
            return "answered without Content-Type application/json: " + answer;
        }
        if (new String(probe.request(), 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ")) {
            return null;
        }
        Object body;
        try {
            body = answer.json();
        } catch (AssertionError notJson) {
            return "answered with a body that is not JSON: " + answer;
        }
        if (!(body instanceof Map<?, ?> document) || !document.keySet().equals(Set.of("errors"))
                || !(document.get("errors") instanceof List<?> errors) || errors.size() != 1
                || !(errors.get(0) instanceof Map<?, ?> error)) {
            return "answered with a body that is not one JSON:API error: " + answer;
        }
        if (!Long.valueOf(answer.status()).equals(error.get("status"))
                || !(error.get("title") instanceof String title) || title.isBlank()
                || !(error.get("detail") instanceof String detail) || detail.isBlank()) {
            return "answered with an error whose status, title or detail is wrong: " + answer;
        }
        return null;
    }

    // --- the corpus

    private List<Probe> corpus() {
        List<Probe> corpus = new ArrayList<>();
        badPathIds(corpus);
        for (AuthorizerIT.Route route : routes) {
            if (List.of("POST", "PUT").contains(route.method())) {
                badBodies(corpus, route);
            }
        }
        badFields(corpus);
        badQueries(corpus);
        badHeaders(corpus);
        badMethods(corpus);
        badSizes(corpus);
        return corpus;
    }

    /** Every path parameter of every route, given each bad id, with an otherwise valid request. */
    private void badPathIds(List<Probe> corpus) {
        for (AuthorizerIT.Route route : routes) {
            for (String parameter : parameters(route)) {
                for (String id : BAD_PATH_IDS) {
                    String path = path(route, Map.of(parameter, id));
                    corpus.add(request("the " + parameter + " '" + id + "'", route, route.method(), path, validBody(route)));
                }
            }
        }
    }

    /** What can be wrong with any body, on one route: its JSON, its shape, its encoding, its framing. */
    private void badBodies(List<Probe> corpus, AuthorizerIT.Route route) {
        String valid = validBody(route);
        String path = path(route, route.path().contains("{product_id}") && route.method().equals("POST") && !route.path().endsWith("transactions")
                ? Map.of("product_id", freshProduct) : Map.of());
        boolean dataIsObject = !route.path().endsWith("/multiple");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("JSON cut in half", valid.substring(0, valid.length() / 2));
        texts.put("JSON without its last brace", valid.substring(0, valid.length() - 1));
        texts.put("an empty body", "");
        texts.put("a body of whitespace", " \n\t ");
        texts.put("a JSON null", "null");
        texts.put("a JSON array", "[" + valid + "]");
        texts.put("a JSON string", "\"data\"");
        texts.put("a JSON number", "42");
        texts.put("a JSON boolean", "true");
        texts.put("an empty object", "{}");
        texts.put("a null data member", "{\"data\":null}");
        texts.put("data of the wrong type", dataIsObject ? "{\"data\":[]}" : "{\"data\":{}}");
        texts.put("data that is a string", "{\"data\":\"x\"}");
        texts.put("arrays nested 40 deep", "{\"data\":" + "[".repeat(40) + "]".repeat(40) + "}");
        texts.put("objects nested 40 deep", "{\"data\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}");
        texts.put("every member twice", "{" + valid.substring(1, valid.length() - 1) + "," + valid.substring(1, valid.length() - 1) + "}");
        if (dataIsObject) {
            texts.put("a key twice inside data", valid.replaceFirst("\\{\"data\":\\{", "{\"data\":{\"dup\":1,\"dup\":2,"));
        }
        texts.put("trailing content", valid + "{}");
        texts.put("two documents", valid + "\n" + valid);
        texts.put("single quotes", valid.replace('"', '\''));
        texts.put("a comment", "/* note */" + valid);
        texts.put("a lone high surrogate escape", withMember(valid, "\"note\":\"A\\ud800\""));
        texts.put("a lone low surrogate escape", withMember(valid, "\"note\":\"\\udc00\""));
        texts.put("a reversed surrogate pair", withMember(valid, "\"note\":\"\\udc00\\ud800\""));
        texts.put("a number whose exponent is out of range", withMember(valid, "\"note\":1e999999999999"));
        texts.put("a 400-digit number", withMember(valid, "\"note\":" + "9".repeat(400)));
        texts.put("NaN", withMember(valid, "\"note\":NaN"));
        texts.put("a body over 64 KB", withMember(valid, "\"pad\":\"" + "x".repeat(64 * 1024) + "\""));
        texts.forEach((what, text) -> corpus.add(request(what, route, route.method(), path, text)));

        String noted = withMember(valid, "\"note\":\"caf\u00e9\"");
        corpus.add(request("Latin-1 bytes under charset=iso-8859-1", route, route.method(), path, "application/json; charset=iso-8859-1",
                noted.getBytes(StandardCharsets.ISO_8859_1)));
        corpus.add(request("UTF-16LE", route, route.method(), path, "application/json", valid.getBytes(StandardCharsets.UTF_16LE)));
        corpus.add(request("UTF-16 with a byte order mark under charset=utf-16", route, route.method(), path,
                "application/json; charset=utf-16", valid.getBytes(StandardCharsets.UTF_16)));
        corpus.add(request("UTF-32", route, route.method(), path, "application/json", valid.getBytes(Charset.forName("UTF-32"))));
        corpus.add(request("a UTF-8 byte order mark", route, route.method(), path, "application/json",
                concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, valid.getBytes(StandardCharsets.UTF_8))));
        Map<String, int[]> notUtf8 = new LinkedHashMap<>();
        notUtf8.put("a 0xFF byte in a string", new int[] {0xff});
        notUtf8.put("a lone continuation byte in a string", new int[] {0x80});
        notUtf8.put("an overlong '/' in a string", new int[] {0xc0, 0xaf});
        notUtf8.put("an encoded surrogate (CESU-8) in a string", new int[] {0xed, 0xa0, 0x80});
        notUtf8.put("a cut-off sequence in a string", new int[] {0xe2, 0x82});
        notUtf8.forEach((what, bytes) -> {
            String[] around = withMember(valid, "\"note\":\"A\u0000\"").split("\u0000");
            corpus.add(request(what, route, route.method(), path, "application/json",
                    concat(around[0].getBytes(StandardCharsets.UTF_8), bytes(bytes), around[1].getBytes(StandardCharsets.UTF_8))));
        });
        corpus.add(request("a form-encoded body", route, route.method(), path, "application/x-www-form-urlencoded",
                "data%5Bquantity%5D=5".getBytes(StandardCharsets.UTF_8)));
        corpus.add(request("an XML body", route, route.method(), path, "application/xml",
                "<data><quantity>5</quantity></data>".getBytes(StandardCharsets.UTF_8)));

        byte[] body = valid.getBytes(StandardCharsets.UTF_8);
        corpus.add(framed("a Content-Length shorter than the body", route, path, List.of("Content-Length: " + body.length / 2), body, false));
        corpus.add(framed("a Content-Length longer than the body", route, path, List.of("Content-Length: " + (body.length + 10)), body, true));
        corpus.add(framed("a chunk size that is not hexadecimal", route, path, List.of("Transfer-Encoding: chunked"),
                concat(ascii("zz\r\n"), body, ascii("\r\n0\r\n\r\n")), true));
        corpus.add(framed("a chunk longer than its size", route, path, List.of("Transfer-Encoding: chunked"),
                concat(ascii("1\r\n"), body, ascii("\r\n0\r\n\r\n")), true));
        corpus.add(framed("a chunked body with no last chunk", route, path, List.of("Transfer-Encoding: chunked"),
                concat(ascii(Integer.toHexString(body.length) + "\r\n"), body, ascii("\r\n")), true));
    }

    /** Each field of each body, missing, null, of the wrong type, out of range, or naming what is not there. */
    private void badFields(List<Probe> corpus) {
        AuthorizerIT.Route create = route("POST /v2/inventories/{product_id}");
        String createPath = path(create, Map.of("product_id", freshProduct));
        for (String quantity : BAD_QUANTITIES) {
            corpus.add(request("quantity " + quantity, create, "POST", createPath, document(STOCK, "quantity", quantity)));
        }
        for (String type : List.of("\"order\"", "5", "[]", "\"\"")) {
            corpus.add(request("type " + type, create, "POST", createPath, document(STOCK, "type", type)));
        }
        attributionFaults(corpus, create, createPath, STOCK);
        AuthorizerIT.Route updateStock = route("PUT /v2/inventories/{product_id}");
        String updateStockPath = path(updateStock, Map.of());
        for (String threshold : BAD_THRESHOLDS) {
            corpus.add(request("low_stock_threshold " + threshold, create, "POST", createPath, document(STOCK, "low_stock_threshold", threshold)));
            corpus.add(request("low_stock_threshold " + threshold, updateStock, "PUT", updateStockPath, document(THRESHOLD, "low_stock_threshold", threshold)));
        }
        for (String type : List.of("\"order\"", "5", "[]", "\"\"")) {
            corpus.add(request("type " + type, updateStock, "PUT", updateStockPath, document(THRESHOLD, "type", type)));
        }
        corpus.add(request("low_stock_threshold missing", updateStock, "PUT", updateStockPath, document(THRESHOLD, "low_stock_threshold", MISSING)));

        AuthorizerIT.Route move = route("POST /v2/inventories/{product_id}/transactions");
        String movePath = path(move, Map.of());
        for (String quantity : BAD_QUANTITIES) {
            corpus.add(request("quantity " + quantity, move, "POST", movePath, document(TX, "quantity", quantity)));
        }
        for (String action : List.of("\"steal\"", "\"INCREMENT\"", "\"\"", "\"increment \"", "1", "null", "[\"increment\"]", MISSING)) {
            corpus.add(request("action " + action, move, "POST", movePath, document(TX, "action", action)));
        }
        for (String type : List.of("\"stock\"", "null", "5", MISSING)) {
            corpus.add(request("type " + type, move, "POST", movePath, document(TX, "type", type)));
        }
        attributionFaults(corpus, move, movePath, TX);

        AuthorizerIT.Route multiple = route("POST /v2/inventories/multiple");
        List<String> manyIds = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            manyIds.add("{\"id\":\"p" + i + "\"}");
        }
        for (String data : List.of("[]", "[" + String.join(",", manyIds) + "]", "[{\"id\":\"bad.id\"}]", "[{\"id\":5}]", "[{\"id\":null}]",
                "[{}]", "[\"" + product + "\"]", "[null]", "[[]]", "[{\"id\":\"" + "x".repeat(65) + "\"}]", "[{\"id\":\"\"}]",
                "{\"id\":\"" + product + "\"}", "\"" + product + "\"", "[{\"id\":\"" + product + "\"},{\"id\":\"p/x\"}]")) {
            corpus.add(request("data " + abbreviate(data), multiple, "POST", "/v2/inventories/multiple", "{\"data\":" + data + "}"));
        }

        AuthorizerIT.Route add = route("POST /v2/carts/{cart_ref}/items");
        for (String cartRef : List.of(cart, freshCart)) {
            String addPath = path(add, Map.of("cart_ref", cartRef));
            for (String quantity : BAD_QUANTITIES) {
                corpus.add(request("quantity " + quantity, add, "POST", addPath, document(cartItem(), "quantity", quantity)));
            }
            for (String id : List.of("\"bad.id\"", "\"\"", "5", "null", "\"" + "x".repeat(65) + "\"", "\"p/x\"", "{}", MISSING)) {
                corpus.add(request("item id " + abbreviate(id), add, "POST", addPath, document(cartItem(), "id", id)));
            }
            for (String type : List.of("\"stock\"", "5")) {
                corpus.add(request("type " + type, add, "POST", addPath, document(cartItem(), "type", type)));
            }
        }

        AuthorizerIT.Route change = route("PUT /v2/carts/{cart_ref}/items/{item_id}");
        for (String quantity : BAD_QUANTITIES) {
            corpus.add(request("quantity " + quantity, change, "PUT", path(change, Map.of()), document(QUANTITY, "quantity", quantity)));
        }

        AuthorizerIT.Route checkout = route("POST /v2/carts/{cart_ref}/checkout");
        String address = "\"shipping_address\":{\"city\":\"Oslo\"},\"billing_address\":{\"city\":\"Oslo\"}";
        Map<String, String> customers = new LinkedHashMap<>();
        customers.put("no customer", "{\"data\":{" + address + "}}");
        for (String customer : List.of("null", "\"ann\"", "[]", "{}")) {
            customers.put("customer " + customer, "{\"data\":{\"customer\":" + customer + "," + address + "}}");
        }
        for (String email : List.of("\"noat\"", "\"a@b@c\"", "\"a b@c.d\"", "\"\"", "5", "null", "\"" + "x".repeat(300) + "@b.c\"", MISSING)) {
            customers.put("email " + abbreviate(email), "{\"data\":{\"customer\":{" + member("email", email) + "\"name\":\"Ann\"}," + address + "}}");
        }
        for (String name : List.of("\"\"", "5", "null", "\"" + "n".repeat(256) + "\"", "{}", MISSING)) {
            customers.put("name " + abbreviate(name), "{\"data\":{\"customer\":{\"email\":\"ann@example.com\""
                    + (name.equals(MISSING) ? "" : ",\"name\":" + name) + "}," + address + "}}");
        }
        StringBuilder manyFields = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            manyFields.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
        }
        for (String shipping : List.of("\"Oslo\"", "[]", "5", "{\"city\":5}", "{\"city\":null}", "{\"city\":{}}", "{\"city\":\"" + "c".repeat(256) + "\"}",
                manyFields + "}", "{\"" + "k".repeat(65) + "\":\"v\"}")) {
            customers.put("shipping_address " + abbreviate(shipping), "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},"
                    + "\"shipping_address\":" + shipping + ",\"billing_address\":{\"city\":\"Oslo\"}}}");
            customers.put("billing_address " + abbreviate(shipping), "{\"data\":{\"customer\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"},"
                    + "\"shipping_address\":{\"city\":\"Oslo\"},\"billing_address\":" + shipping + "}}");
        }
        customers.forEach((what, body) -> corpus.add(request(what, checkout, "POST", path(checkout, Map.of()), body)));

        AuthorizerIT.Route pay = route("POST /v2/orders/{order_id}/payments");
        for (String gateway : List.of("\"stripe\"", "\"\"", "5", "null", "\"" + "g".repeat(65) + "\"", MISSING)) {
            corpus.add(request("gateway " + abbreviate(gateway), pay, "POST", path(pay, Map.of()), document(PAYMENT, "gateway", gateway)));
        }
        for (String method : List.of("\"refund\"", "\"\"", "5", "[]")) {
            corpus.add(request("method " + method, pay, "POST", path(pay, Map.of()), document(PAYMENT, "method", method)));
        }
        for (String payment : List.of("\"\"", "5", "null", "{}", "\"" + "t".repeat(256) + "\"", MISSING)) {
            corpus.add(request("payment " + abbreviate(payment), pay, "POST", path(pay, Map.of()), document(PAYMENT, "payment", payment)));
        }

        AuthorizerIT.Route update = route("PUT /v2/orders/{order_id}");
        String updatePath = path(update, Map.of());
        for (String type : List.of("\"orders\"", "5", "null", MISSING)) {
            corpus.add(request("type " + type, update, "PUT", updatePath, document(CANCEL, "type", type)));
        }
        for (String status : List.of("\"canceled\"", "\"complete\"", "\"CANCELLED\"", "5", "true", "null", MISSING)) {
            corpus.add(request("status " + status, update, "PUT", updatePath, document(CANCEL, "status", status)));
        }
        for (String shipping : List.of("\"shipped\"", "\"\"", "true")) {
            corpus.add(request("shipping " + shipping, update, "PUT", updatePath, "{\"data\":{\"type\":\"order\",\"shipping\":" + shipping + "}}"));
        }
        corpus.add(request("both shipping and status", update, "PUT", updatePath,
                "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\",\"status\":\"cancelled\"}}"));
    }

    private void attributionFaults(List<Probe> corpus, AuthorizerIT.Route route, String path, List<String[]> fields) {
        for (String reason : List.of("\"" + "r".repeat(257) + "\"", "\"\"", "\"a\\u0001b\"", "\"line\\nbreak\"", "5", "{}")) {
            corpus.add(request("reason " + abbreviate(reason), route, route.method(), path, document(fields, "reason", reason)));
        }
        for (String reference : List.of("\"" + "r".repeat(129) + "\"", "\"\\u0000\"", "[]")) {
            corpus.add(request("reference " + abbreviate(reference), route, route.method(), path, document(fields, "reference", reference)));
        }
    }

    /** Page limits out of range or not numbers, cursors this service never handed out, repeated parameters, bad escapes. */
    private void badQueries(List<Probe> corpus) {
        for (AuthorizerIT.Route route : List.of(route("GET /v2/inventories"), route("GET /v2/inventories/{product_id}/transactions"))) {
            String path = path(route, Map.of());
            for (String query : List.of("page[limit]=0", "page[limit]=101", "page[limit]=-1", "page[limit]=1.5", "page[limit]=abc",
                    "page[limit]=1e2", "page[limit]=", "page[limit]=99999999999", "page[limit]=1&page[limit]=2", "page[limit]=%zz",
                    "page%5Blimit%5D=%FF", "page[limit]=+5", "page[cursor]=!!!", "page[cursor]=" + "a".repeat(201), "page[cursor]=A",
                    "page[cursor]=AAAA", "page[cursor]=", "page[cursor]=abc&page[cursor]=def", "page[cursor]=%zz")) {
                corpus.add(request("the query " + abbreviate(query), route, "GET", path + "?" + query, null));
            }
        }
    }

    /** Headers that break the framing or the rules: duplicated, folded, nameless, with control characters, too many, too large. */
    private void badHeaders(List<Probe> corpus) {
        AuthorizerIT.Route move = route("POST /v2/inventories/{product_id}/transactions");
        String path = path(move, Map.of());
        byte[] body = validBody(move).getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Length with Transfer-Encoding", List.of("Content-Length: " + body.length, "Transfer-Encoding: chunked"));
        headers.put("two Content-Lengths that differ", List.of("Content-Length: " + body.length, "Content-Length: " + (body.length + 1)));
        headers.put("a negative Content-Length", List.of("Content-Length: -1"));
        headers.put("a Content-Length in hexadecimal", List.of("Content-Length: 0x" + Integer.toHexString(body.length)));
        headers.put("Transfer-Encoding gzip", List.of("Transfer-Encoding: gzip"));
        headers.put("Transfer-Encoding chunked twice", List.of("Transfer-Encoding: chunked, chunked"));
        headers.put("an Expect other than 100-continue", List.of("Content-Length: " + body.length, "Expect: 101-switch"));
        headers.put("a folded header", List.of("Content-Length: " + body.length, "X-Note: a", " b"));
        headers.put("a header with no colon", List.of("Content-Length: " + body.length, "X-Note"));
        headers.put("a space before a header's colon", List.of("Content-Length : " + body.length));
        headers.put("a NUL in a header value", List.of("Content-Length: " + body.length, "X-Note: a\u0000b"));
        headers.put("a bare CR in a header value", List.of("Content-Length: " + body.length, "X-Note: a\rb"));
        headers.put("a second Host", List.of("Content-Length: " + body.length, "Host: elsewhere"));
        List<String> many = new ArrayList<>(List.of("Content-Length: " + body.length));
        for (int i = 0; i < 150; i++) {
            many.add("X-Many-" + i + ": " + i);
        }
        headers.put("150 headers", many);
        headers.put("a 1 MB header", List.of("Content-Length: " + body.length, "X-Big: " + "b".repeat(1024 * 1024)));
        headers.forEach((what, lines) -> corpus.add(framed(what, move, path, lines, body, true)));

        List<String> noHost = new ArrayList<>(List.of("POST " + path + " HTTP/1.1", "Authorization: Bearer " + token(move),
                "Content-Length: " + body.length));
        corpus.add(new Probe("no Host header", move.toString(), RawHttp.request(noHost, body), true, false));
        List<String> twoTokens = new ArrayList<>(List.of("POST " + path + " HTTP/1.1", "Host: 127.0.0.1", "Authorization: Bearer " + token(move),
                "Authorization: Bearer " + token(move), "Content-Length: " + body.length));
        corpus.add(new Probe("two Authorization headers", move.toString(), RawHttp.request(twoTokens, body), true, true));
    }

    /** Methods a route does not take, unknown methods, methods in the wrong case, and request lines that are not HTTP. */
    private void badMethods(List<Probe> corpus) {
        Map<String, AuthorizerIT.Route> paths = new LinkedHashMap<>();
        routes.forEach(route -> paths.putIfAbsent(path(route, Map.of()), route));
        Map<String, Set<String>> taken = new HashMap<>();
        routes.forEach(route -> taken.computeIfAbsent(path(route, Map.of()), p -> new TreeSet<>()).add(route.method()));
        paths.forEach((path, route) -> {
            // Another method may match another route of the same shape (DELETE .../multiple is DELETE .../{product_id}):
            // a token with every scope lets such a request through to whatever answers it.
            AuthorizerIT.Route anyScope = new AuthorizerIT.Route(route.method(), route.path(), Api.ALL_SCOPES);
            for (String method : List.of("PATCH", "PUT", "DELETE", "POST", "FOO", route.method().toLowerCase(java.util.Locale.ROOT))) {
                if (!taken.get(path).contains(method)) {
                    String body = method.equals("PATCH") ? validBody(route) : null;
                    Probe probe = request("the method " + method, anyScope, method, path, body);
                    corpus.add(new Probe(probe.what(), route.toString(), probe.request(), false, false));
                }
            }
        });
        AuthorizerIT.Route read = route("GET /v2/inventories/{product_id}");
        String path = path(read, Map.of());
        corpus.add(request("HEAD", read, "HEAD", path, null));
        corpus.add(request("TRACE", read, "TRACE", path, null));
        corpus.add(request("OPTIONS with no Origin", read, "OPTIONS", path, null));
        for (String line : List.of("G(T " + path + " HTTP/1.1", "GET  " + path + " HTTP/1.1", "GET " + path + " HTTP/2.0",
                "GET " + path + " http/1.1", "GET " + path, "CONNECT 127.0.0.1:443 HTTP/1.1", "GET " + path.substring(1) + " HTTP/1.1",
                "GET " + path + "#fragment HTTP/1.1", "GET /v2/inventories/caf\u00e9 HTTP/1.1", "X".repeat(40) + " " + path + " HTTP/1.1")) {
            corpus.add(new Probe("the request line '" + abbreviate(line) + "'", read.toString(),
                    RawHttp.request(List.of(line, "Host: 127.0.0.1", "Authorization: Bearer " + token(read)), new byte[0]), true, false));
        }
    }

    /** Sizes at and past each limit: a quantity at one past the most, ids one too long, bodies, URIs. */
    private void badSizes(List<Probe> corpus) {
        AuthorizerIT.Route move = route("POST /v2/inventories/{product_id}/transactions");
        String path = path(move, Map.of());
        String atTheLimit = withMember(document(TX, "quantity", "0"), "\"pad\":\"PAD\"");
        int pad = 64 * 1024 - atTheLimit.getBytes(StandardCharsets.UTF_8).length + 3;
        corpus.add(request("a body of exactly 64 KB with a zero quantity", move, "POST", path, atTheLimit.replace("PAD", "x".repeat(pad))));
        corpus.add(request("a body of exactly 64 KB and one byte", move, "POST", path, atTheLimit.replace("PAD", "x".repeat(pad + 1))));
        byte[] tenMegabytes = new byte[HttpGateway.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(tenMegabytes, (byte) ' ');
        corpus.add(framed("a body of 10 MB and one byte", move, path, List.of("Content-Length: " + tenMegabytes.length), tenMegabytes, false));
        corpus.add(framed("a chunked body past 10 MB", move, path, List.of("Transfer-Encoding: chunked"),
                concat(ascii(Integer.toHexString(tenMegabytes.length) + "\r\n"), tenMegabytes, ascii("\r\n0\r\n\r\n")), false));
        corpus.add(framed("a body of 10 MB announced with Expect: 100-continue", move, path,
                List.of("Content-Length: " + tenMegabytes.length, "Expect: 100-continue"), new byte[0], true));
        corpus.add(request("a URI of 9 KB", move, "GET", "/v2/inventories/" + "a".repeat(9 * 1024), null));
        corpus.add(request("a query of 20 KB", route("GET /v2/inventories"), "GET", "/v2/inventories?page[cursor]=" + "a".repeat(20 * 1024), null));
    }

    // --- requests

    private Probe request(String what, AuthorizerIT.Route route, String method, String path, String body) {
        return request(what, route, method, path, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private Probe request(String what, AuthorizerIT.Route route, String method, String path, String contentType, byte[] body) {
        List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1", "Host: 127.0.0.1", "Authorization: Bearer " + token(route)));
        if (contentType != null) {
            head.add("Content-Type: " + contentType);
        }
        if (body != null) {
            head.add("Content-Length: " + body.length);
        }
        head.add("Connection: close");
        return new Probe(what, route.toString(), RawHttp.request(head, body == null ? new byte[0] : body), false, false);
    }

    /** A request whose framing headers are given as they are. */
    private Probe framed(String what, AuthorizerIT.Route route, String path, List<String> framing, byte[] body, boolean halfClose) {
        List<String> head = new ArrayList<>(List.of(route.method() + " " + path + " HTTP/1.1", "Host: 127.0.0.1",
                "Authorization: Bearer " + token(route), "Content-Type: application/json", "Connection: close"));
        head.addAll(framing);
        return new Probe(what, route.toString(), RawHttp.request(head, body), halfClose, false);
    }

    /** A token for the corpus's owner with exactly the route's scopes. */
    private String token(AuthorizerIT.Route route) {
        return tokens.computeIfAbsent(route.scopes(), scopes -> Api.token(OWNER, scopes));
    }

    private AuthorizerIT.Route route(String key) {
        return routes.stream().filter(r -> r.toString().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no route " + key));
    }

    private static List<String> parameters(AuthorizerIT.Route route) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z_]+)}").matcher(route.path());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The route's path with the fixtures' ids, or the given ones, in its parameters. */
    private String path(AuthorizerIT.Route route, Map<String, String> given) {
        Map<String, String> ids = new HashMap<>(Map.of("product_id", product, "cart_ref", cart, "item_id", product,
                "order_id", order, "transaction_id", SOME_TRANSACTION));
        ids.putAll(given);
        String path = route.path();
        for (Map.Entry<String, String> id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return path;
    }

    // --- bodies

    private static final List<String[]> STOCK = List.of(new String[] {"type", "\"stock\""}, new String[] {"quantity", "5"});
    private static final List<String[]> TX = List.of(new String[] {"type", "\"stock-transaction\""}, new String[] {"action", "\"increment\""},
            new String[] {"quantity", "1"});
    private static final List<String[]> QUANTITY = List.<String[]>of(new String[] {"quantity", "1"});
    private static final List<String[]> THRESHOLD = List.of(new String[] {"type", "\"stock\""}, new String[] {"low_stock_threshold", "3"});
    /** Not a whole number from 0 to 1,000,000,000 (null is fine: it means none). */
    private static final List<String> BAD_THRESHOLDS = List.of("-1", "1000000001", "2.5", "1e2", "\"3\"", "true", "[]", "{}",
            "9".repeat(30));
    private static final List<String[]> PAYMENT = List.of(new String[] {"gateway", "\"manual\""}, new String[] {"method", "\"purchase\""},
            new String[] {"payment", "\"tok_visa\""});
    private static final List<String[]> CANCEL = List.of(new String[] {"type", "\"order\""}, new String[] {"status", "\"cancelled\""});

    private List<String[]> cartItem() {
        return List.of(new String[] {"type", "\"cart_item\""}, new String[] {"id", "\"" + product + "\""}, new String[] {"quantity", "1"});
    }

    /** {@code {"data":{...}}} of these members, with the named one given this value ({@link #MISSING}: left out), or added. */
    private static String document(List<String[]> members, String name, String value) {
        StringBuilder data = new StringBuilder();
        boolean replaced = false;
        for (String[] member : members) {
            String given = member[0].equals(name) ? value : member[1];
            replaced |= member[0].equals(name);
            data.append(member(member[0], given));
        }
        if (!replaced) {
            data.append(member(name, value));
        }
        return "{\"data\":{" + data.toString().replaceAll(",$", "") + "}}";
    }

    private static String member(String name, String value) {
        return value.equals(MISSING) ? "" : "\"" + name + "\":" + value + ",";
    }

    /** A valid body for the route: only what the probe changes is wrong. */
    private String validBody(AuthorizerIT.Route route) {
        return switch (route.toString()) {
            case "POST /v2/inventories/{product_id}" -> document(STOCK, "quantity", "5");
            case "POST /v2/inventories/multiple" -> "{\"data\":[{\"id\":\"" + product + "\"}]}";
            case "POST /v2/inventories/{product_id}/transactions" -> document(TX, "quantity", "1");
            case "POST /v2/carts/{cart_ref}/items" -> document(cartItem(), "quantity", "1");
            case "PUT /v2/carts/{cart_ref}/items/{item_id}" -> document(QUANTITY, "quantity", "1");
            case "POST /v2/carts/{cart_ref}/checkout" -> CHECKOUT;
            case "POST /v2/orders/{order_id}/payments" -> document(PAYMENT, "payment", "\"tok_visa\"");
            case "PUT /v2/orders/{order_id}" -> document(CANCEL, "status", "\"cancelled\"");
            case "PUT /v2/inventories/{product_id}" -> document(THRESHOLD, "low_stock_threshold", "3");
            default -> null;
        };
    }

    private static String withMember(String document, String member) {
        return "{" + member + "," + document.substring(1);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 30) + "...(" + text.length() + " characters)";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // --- what must not change

    /** The fixtures' items as stored, the ids the corpus would have created, and every key of the three tables. */
    record Snapshot(Map<String, Map<String, AttributeValue>> items, Map<String, Set<String>> keys, List<Object> history) {
    }

    private Snapshot snapshot() {
        Map<String, String> tables = Stack.get().tables();
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        Map<String, Set<String>> keys = new TreeMap<>();
        try (DynamoDbClient dynamoDb = Stack.get().dynamoDbClient()) {
            Map<String, List<String>> watched = Map.of(
                    "StockTable", List.of("product_id", product, freshProduct),
                    "CartsTable", List.of("cart_ref", cart, freshCart),
                    "OrdersTable", List.of("order_id", order));
            watched.forEach((table, spec) -> {
                String key = spec.get(0);
                for (String id : spec.subList(1, spec.size())) {
                    items.put(table + "/" + id, dynamoDb.getItem(g -> g.tableName(tables.get(table)).consistentRead(true)
                            .key(Map.of(key, AttributeValue.fromS(id)))).item());
                }
                Set<String> all = new TreeSet<>();
                dynamoDb.scanPaginator(s -> s.tableName(tables.get(table)).consistentRead(true).projectionExpression("#k")
                        .expressionAttributeNames(Map.of("#k", key))).items().forEach(item -> all.add(item.get(key).s()));
                keys.put(table, all);
            });
        }
        assertThat(items.get("StockTable/" + product)).as("the corpus's stock").isNotEmpty();
        assertThat(items.get("OrdersTable/" + order)).as("the corpus's order").isNotEmpty();
        List<Object> history = History.all(product).stream().map(entry -> entry.get("id")).toList();
        return new Snapshot(items, keys, history);
    }
}
