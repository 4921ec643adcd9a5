package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Http11ReaderTest {

    private static Http11Reader reader(String wire) {
        return new Http11Reader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static Http11Reader.Head head(String wire) throws Exception {
        return reader(wire).head().orElseThrow();
    }

    private static void assertRefused(String wire, int status) {
        assertThatThrownBy(() -> {
            Http11Reader reader = reader(wire);
            Http11Reader.Head head = reader.head().orElseThrow();
            reader.body(Http11Reader.framing(head));
        }).isInstanceOfSatisfying(Http11Reader.Refused.class, refused -> assertThat(refused.status).as(refused.getMessage()).isEqualTo(status));
    }

    @Test
    void reads_a_request_line_and_its_fields_in_order_keeping_repeats() throws Exception {
        Http11Reader.Head head = head("POST /v2/carts/c1/items?x=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a:  2 \r\n\r\n");

        assertThat(head.method()).isEqualTo("POST");
        assertThat(head.target()).isEqualTo("/v2/carts/c1/items?x=1");
        assertThat(head.http10()).isFalse();
        assertThat(head.all("X-A")).containsExactly("1", "2");
        assertThat(head.keepAlive()).isTrue();
    }

    @Test
    void takes_bare_line_feeds_a_leading_empty_line_and_an_absolute_form_target() throws Exception {
        Http11Reader.Head head = head("\r\nGET http://127.0.0.1:3000/v2/inventories?page[limit]=2 HTTP/1.1\nHost: h\n\n");

        assertThat(head.target()).isEqualTo("/v2/inventories?page[limit]=2");
    }

    @Test
    void a_clean_end_between_requests_is_no_request_at_all() throws Exception {
        assertThat(reader("").head()).isEmpty();
    }

    @Test
    void http_1_0_closes_unless_asked_to_keep_alive_and_1_1_keeps_alive_unless_asked_to_close() throws Exception {
        assertThat(head("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nHost: h\r\nConnection: te, close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void reads_a_body_by_its_length_and_then_the_next_request() throws Exception {
        Http11Reader reader = reader("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}GET /next HTTP/1.1\r\nHost: h\r\n\r\n");

        Http11Reader.Head first = reader.head().orElseThrow();
        assertThat(reader.body(Http11Reader.framing(first))).asString(StandardCharsets.UTF_8).isEqualTo("{}");
        assertThat(reader.head().orElseThrow().target()).isEqualTo("/next");
    }

    @Test
    void reads_a_chunked_body_whole_leaving_out_extensions_and_trailers() throws Exception {
        Http11Reader reader = reader("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "3;a=b\r\n{\"d\r\na\r\nata\":null}\r\n0\r\nX-Trailer: 1\r\n\r\n");

        Http11Reader.Head head = reader.head().orElseThrow();
        Http11Reader.Framing framing = Http11Reader.framing(head);
        assertThat(framing.chunked()).isTrue();
        assertThat(reader.body(framing)).asString(StandardCharsets.UTF_8).isEqualTo("{\"data\":null}");
    }

    @Test
    void expect_100_continue_is_noted_only_over_http_1_1() throws Exception {
        assertThat(Http11Reader.framing(head("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n"))
                .expectsContinue()).isTrue();
        assertThat(Http11Reader.framing(head("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n"))
                .expectsContinue()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no request target              | GET HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                                     | 400",
        "two spaces                     | GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                                   | 400",
        "a method that is no token      | G@T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                                    | 400",
        "HTTP/2 on an HTTP/1 line       | GET / HTTP/2\\r\\nHost: h\\r\\n\\r\\n                                      | 400",
        "a target that is not a path    | GET v2 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                                    | 400",
        "a fragment                     | GET /a#b HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                                  | 400",
        "no Host over HTTP/1.1          | GET / HTTP/1.1\\r\\n\\r\\n                                               | 400",
        "a space before the colon       | GET / HTTP/1.1\\r\\nHost : h\\r\\n\\r\\n                                    | 400",
        "a folded field                 | GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\r\\n b\\r\\n\\r\\n                       | 400",
        "a bare carriage return         | GET / HTTP/1.1\\r\\nHost: h\\rX: y\\r\\n\\r\\n                              | 400",
        "an unended head                | GET / HTTP/1.1\\r\\nHost: h\\r\\n                                        | 400",
        "length and chunked both        | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "two lengths that differ        | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n{} | 400",
        "a length that is no number     | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: +1\\r\\n\\r\\n{}            | 400",
        "a length past ten megabytes    | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 10485761\\r\\n\\r\\n         | 413",
        "a length past any long         | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 99999999999999999999999\\r\\n\\r\\n | 413",
        "a body short of its length     | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 9\\r\\n\\r\\n{}             | 400",
        "gzip                           | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n          | 400",
        "chunked over HTTP/1.0          | POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n        | 400",
        "a chunk size that is no number | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n    | 400",
        "a chunk longer than announced  | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nab\\r\\n0\\r\\n\\r\\n | 400",
        "no last chunk                  | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\na\\r\\n | 400",
        "chunks past ten megabytes      | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nA00001\\r\\n | 413",
        "an unknown expectation         | POST / HTTP/1.1\\r\\nHost: h\\r\\nExpect: tea\\r\\nContent-Length: 0\\r\\n\\r\\n | 417",
    })
    void refuses_what_it_cannot_frame_with_the_right_4xx(String what, String wire, int status) {
        assertRefused(wire.strip().replace("\\r", "\r").replace("\\n", "\n"), status);
    }

    @Test
    void an_over_long_target_is_414_and_over_long_or_too_many_fields_431() {
        assertRefused("GET /" + "a".repeat(Http11Reader.MAX_TARGET_BYTES) + " HTTP/1.1\r\nHost: h\r\n\r\n", 414);
        assertRefused("GET /" + "a".repeat(1_000_000) + " HTTP/1.1\r\nHost: h\r\n\r\n", 414);
        assertRefused("GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(Http11Reader.MAX_HEADER_BYTES) + "\r\n\r\n", 431);
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < Http11Reader.MAX_HEADER_FIELDS; i++) {
            many.append("X-").append(i).append(": 1\r\n");
        }
        assertRefused(many.append("\r\n").toString(), 431);
    }

    @Test
    void a_target_of_exactly_the_largest_size_is_taken() throws Exception {
        String target = "/" + "a".repeat(Http11Reader.MAX_TARGET_BYTES - 1);

        assertThat(head("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n").target()).isEqualTo(target);
    }

    @Test
    void header_values_keep_bytes_past_ascii_as_iso_8859_1() throws Exception {
        assertThat(head("GET / HTTP/1.1\r\nHost: h\r\nAuthorization: \u00e9\u00e8.\u00e0\r\n\r\n").all("authorization"))
                .isEqualTo(List.of("\u00e9\u00e8.\u00e0"));
    }
}
