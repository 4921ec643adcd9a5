package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local gateway's HTTP layer: whatever arrives on the socket, the answer is a JSON:API
 * error (or the route's own answer), never an HTML page or a dropped connection; and what a
 * client may rightly do (keep-alive, chunked bodies, Expect: 100-continue, HEAD) works.
 */
@ExtendWith(Stack.class)
class HttpGatewayIT {

    private static String token() {
        return Api.token("gateway-it", Api.ALL_SCOPES);
    }

    private static List<String> head(String requestLine, String... headers) {
        List<String> lines = new ArrayList<>();
        lines.add(requestLine);
        lines.add("Host: 127.0.0.1");
        lines.addAll(List.of(headers));
        return lines;
    }

    private static RawHttp.Answer send(List<String> head, String body) {
        return RawHttp.send(RawHttp.request(head, body.getBytes(StandardCharsets.UTF_8)), true);
    }

    @SuppressWarnings("unchecked")
    static void assertJsonApiError(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> document = (Map<String, Object>) answer.json();
        assertThat(document).as(answer.toString()).containsOnlyKeys("errors");
        Map<String, Object> error = ((List<Map<String, Object>>) document.get("errors")).get(0);
        assertThat(error.get("status")).as(answer.toString()).isEqualTo((long) status);
        assertThat((String) error.get("title")).isNotBlank();
        assertThat((String) error.get("detail")).isNotBlank();
    }

    @Test
    void a_malformed_percent_escape_in_the_path_gets_a_json_api_400() {
        assertJsonApiError(send(head("GET /v2/inventories/a%zz HTTP/1.1", "Authorization: Bearer " + token()), ""), 400);
        assertJsonApiError(send(head("GET /v2/inventories/a%4 HTTP/1.1", "Authorization: Bearer " + token()), ""), 400);
        assertJsonApiError(send(head("GET /v2/inventories/a%zz HTTP/1.1"), ""), 400);
    }

    @Test
    void a_malformed_percent_escape_in_the_query_gets_a_json_api_400() {
        assertJsonApiError(send(head("GET /v2/inventories?page[limit]=%zz HTTP/1.1", "Authorization: Bearer " + token()), ""), 400);
        assertJsonApiError(send(head("GET /v2/inventories?page%5Blimit%5D=%zz HTTP/1.1", "Authorization: Bearer " + token()), ""), 400);
    }

    @Test
    void a_percent_escape_that_is_not_utf8_gets_a_400_at_the_gateway() {
        RawHttp.Answer answer = send(head("GET /v2/inventories/p%FF HTTP/1.1", "Authorization: Bearer " + token()), "");
        assertJsonApiError(answer, 400);
        assertThat(answer.text()).contains("UTF-8");
        assertJsonApiError(send(head("GET /v2/inventories?page%5Bcursor%5D=%C3%28 HTTP/1.1", "Authorization: Bearer " + token()), ""), 400);
    }

    @Test
    void bytes_outside_ascii_in_the_request_target_get_a_400() {
        byte[] request = RawHttp.request(List.of("GET /v2/inventories/caf\u00e9 HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);
        assertJsonApiError(RawHttp.send(request, true), 400);
    }

    @Test
    void broken_chunked_framing_gets_a_json_api_400_not_a_dropped_connection() {
        String auth = "Authorization: Bearer " + token();
        for (String body : List.of("zz\r\n{}\r\n0\r\n\r\n", "5\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n", "2\r\n{}\r\n",
                "-1\r\n{}\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "")) {
            RawHttp.Answer answer = send(head("POST /v2/inventories/" + Api.uniqueId("p") + " HTTP/1.1", auth,
                    "Content-Type: application/json", "Transfer-Encoding: chunked"), body);
            assertJsonApiError(answer, 400);
        }
    }

    @Test
    void a_body_shorter_than_its_content_length_gets_a_400() {
        String product = Api.uniqueId("p");
        RawHttp.Answer answer = send(head("POST /v2/inventories/" + product + " HTTP/1.1", "Authorization: Bearer " + token(),
                "Content-Type: application/json", "Content-Length: 500"), "{\"data\":{\"quantity\":1}}");
        assertJsonApiError(answer, 400);
        assertThat(Api.get("/v2/inventories/" + product).status()).isEqualTo(404);
    }

    @Test
    void contradictory_or_malformed_framing_headers_get_a_400() {
        String auth = "Authorization: Bearer " + token();
        String path = "POST /v2/inventories/" + Api.uniqueId("p") + " HTTP/1.1";
        assertJsonApiError(send(head(path, auth, "Content-Length: 2", "Transfer-Encoding: chunked"), "2\r\n{}\r\n0\r\n\r\n"), 400);
        assertJsonApiError(send(head(path, auth, "Transfer-Encoding: gzip, chunked"), "2\r\n{}\r\n0\r\n\r\n"), 400);
        assertJsonApiError(send(head(path, auth, "Content-Length: 2", "Content-Length: 3"), "{}"), 400);
        assertJsonApiError(send(head(path, auth, "Content-Length: -2"), "{}"), 400);
        assertJsonApiError(send(head(path, auth, "Content-Length: 0x2"), "{}"), 400);
        assertJsonApiError(send(head(path, auth, "Content-Length: 99999999999999999999999"), "{}"), 413);
        assertJsonApiError(send(head(path, auth, "Expect: 200-ok", "Content-Length: 2"), "{}"), 417);
    }

    @Test
    void a_malformed_request_line_or_header_gets_a_400() {
        assertJsonApiError(send(List.of("garbage"), ""), 400);
        assertJsonApiError(send(List.of("GET /  HTTP/1.1", "Host: x"), ""), 400);
        assertJsonApiError(send(List.of("G(T / HTTP/1.1", "Host: x"), ""), 400);
        assertJsonApiError(send(List.of("GET / HTTP/2.0", "Host: x"), ""), 400);
        assertJsonApiError(send(List.of("GET / FTP/1.1", "Host: x"), ""), 400);
        assertJsonApiError(send(List.of("GET nowhere HTTP/1.1", "Host: x"), ""), 400);
        assertJsonApiError(send(List.of("GET / HTTP/1.1"), ""), 400);
        assertJsonApiError(send(head("GET / HTTP/1.1", "No colon here"), ""), 400);
        assertJsonApiError(send(head("GET / HTTP/1.1", "Bad Name: x"), ""), 400);
        assertJsonApiError(send(head("GET / HTTP/1.1", "X-Folded: a", " folded"), ""), 400);
        assertJsonApiError(send(head("GET / HTTP/1.1", "X-Nul: a\u0000b"), ""), 400);
        assertJsonApiError(send(head("GET / HTTP/1.1", "X-Cr: a\rb"), ""), 400);
        assertJsonApiError(send(head("GET / HTTP/1.1", "Host: twice"), ""), 400);
        assertJsonApiError(send(List.of("X".repeat(100) + " / HTTP/1.1", "Host: x"), ""), 400);
    }

    @Test
    void an_over_long_uri_gets_414_and_over_long_headers_431() {
        assertJsonApiError(send(head("GET /v2/inventories/" + "a".repeat(20_000) + " HTTP/1.1"), ""), 414);
        assertJsonApiError(send(head("GET /v2/inventories?page[cursor]=" + "a".repeat(200_000) + " HTTP/1.1"), ""), 414);
        assertJsonApiError(send(head("GET /v2/inventories HTTP/1.1", "X-Big: " + "b".repeat(1024 * 1024)), ""), 431);
        List<String> many = head("GET /v2/inventories HTTP/1.1");
        for (int i = 0; i < 200; i++) {
            many.add("X-Header-" + i + ": " + i);
        }
        assertJsonApiError(send(many, ""), 431);
    }

    @Test
    void a_body_over_ten_megabytes_gets_413_announced_or_chunked() {
        String path = "POST /v2/inventories/" + Api.uniqueId("p") + " HTTP/1.1";
        String auth = "Authorization: Bearer " + token();
        byte[] big = new byte[HttpGateway.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        assertJsonApiError(RawHttp.send(RawHttp.request(head(path, auth, "Content-Length: " + big.length), big), false), 413);
        String chunk = Integer.toHexString(big.length) + "\r\n";
        byte[] chunked = new byte[chunk.length() + big.length];
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, chunked, 0, chunk.length());
        System.arraycopy(big, 0, chunked, chunk.length(), big.length);
        assertJsonApiError(RawHttp.send(RawHttp.request(head(path, auth, "Transfer-Encoding: chunked"), chunked), false), 413);
        assertJsonApiError(RawHttp.send(RawHttp.request(head(path, auth, "Content-Length: " + big.length, "Expect: 100-continue"), new byte[0]), true), 413);
    }

    @Test
    void a_chunked_body_with_extensions_and_trailers_is_read_whole() {
        String product = Api.uniqueId("p");
        String body = "7;name=value\r\n{\"data\"\r\n11\r\n:{\"quantity\":4}}\r\n0\r\nX-Trailer: t\r\n\r\n";
        RawHttp.Answer created = send(head("POST /v2/inventories/" + product + " HTTP/1.1", "Authorization: Bearer " + token(),
                "Content-Type: application/json", "Transfer-Encoding: chunked"), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(Api.levels(product)).containsExactly(4, 4, 0);
    }

    @Test
    void expect_100_continue_gets_the_interim_answer_before_the_body_is_sent() throws Exception {
        String product = Api.uniqueId("p");
        byte[] body = "{\"data\":{\"quantity\":2}}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", Stack.get().apiEndpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(RawHttp.request(head("POST /v2/inventories/" + product + " HTTP/1.1", "Authorization: Bearer " + token(),
                    "Content-Type: application/json", "Content-Length: " + body.length, "Expect: 100-continue"), new byte[0]));
            out.flush();
            StringBuilder interim = new StringBuilder();
            while (!interim.toString().endsWith("\r\n\r\n")) {
                interim.append((char) in.read());
            }
            assertThat(interim.toString()).startsWith("HTTP/1.1 100 Continue\r\n");
            out.write(body);
            out.flush();
            assertThat(RawHttp.read(in).status()).isEqualTo(201);
        }
        assertThat(Api.levels(product)).containsExactly(2, 2, 0);
    }

    @Test
    void one_connection_serves_several_requests_in_turn_and_head_gets_no_body() throws Exception {
        String auth = "Authorization: Bearer " + token();
        try (Socket socket = new Socket("127.0.0.1", Stack.get().apiEndpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(RawHttp.request(head("GET /v2/inventories?page[limit]=1 HTTP/1.1", auth), new byte[0]));
                out.flush();
                RawHttp.Answer answer = RawHttp.read(in);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            }
            out.write(RawHttp.request(head("HEAD /nowhere HTTP/1.1", auth), new byte[0]));
            out.write(RawHttp.request(head("GET /v2/inventories/a%zz HTTP/1.1", auth), new byte[0]));
            out.flush();
            String headAnswer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(headAnswer).isEqualTo("HTTP/1.1 404");
            StringBuilder rest = new StringBuilder();
            while (!rest.toString().endsWith("\r\n\r\n")) {
                rest.append((char) in.read());
            }
            RawHttp.Answer afterHead = RawHttp.read(in);
            assertJsonApiError(afterHead, 400);
        }
    }

    @Test
    void a_method_in_the_wrong_case_is_another_method_and_matches_no_route() {
        String product = Api.stock(3);
        RawHttp.Answer answer = send(head("delete /v2/inventories/" + product + " HTTP/1.1", "Authorization: Bearer " + token()), "");
        assertJsonApiError(answer, 404);
        assertThat(Api.levels(product)).containsExactly(3, 3, 0);
    }

    @Test
    void an_http_1_0_request_is_answered_and_the_connection_closed() {
        RawHttp.Answer answer = RawHttp.send(RawHttp.request(List.of("GET / HTTP/1.0"), new byte[0]), false);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Connection")).contains("close");
    }
}
