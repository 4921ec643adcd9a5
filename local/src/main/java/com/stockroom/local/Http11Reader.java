package com.stockroom.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads HTTP/1.1 requests (RFC 9112) off one connection, one after the other, strictly and
 * within limits: anything it cannot frame or will not take is a {@link Refused} that says which
 * 4xx to answer, after which the connection is closed. Lines may end in CRLF or a bare LF.
 */
final class Http11Reader {

    /** The longest request target, as API Gateway's URL limit; longer is 414. */
    static final int MAX_TARGET_BYTES = 8192;
    /**
     * The most header bytes, and header fields, a request may carry; past either, 431. More than
     * API Gateway's 10,240 bytes of request line and headers, so that the authorizer (not this
     * limit) answers an over-long token, as the local stack always has.
     */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_HEADER_FIELDS = 100;
    static final int MAX_METHOD_CHARS = 32;
    /** API Gateway HTTP APIs take at most 10 MB of payload. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final int MAX_CHUNK_LINE_BYTES = 1024;
    private static final int MAX_EMPTY_LINES_BEFORE_REQUEST = 4;

    /** A request the reader will not take: answer {@code status} with this title and detail, then close. */
    static final class Refused extends Exception {
        final int status;
        final String title;

        Refused(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }

        static Refused badRequest(String detail) {
            return new Refused(400, "Bad Request", detail);
        }

        static Refused tooLarge() {
            return new Refused(413, "Payload Too Large", "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** One header field as sent: the name as spelled, the value with its surrounding blanks removed. */
    record Field(String name, String value) {
    }

    /** A request line and header fields, read; the body is still on the wire. */
    record Head(String method, String target, boolean http10, List<Field> fields) {

        Head {
            fields = List.copyOf(fields);
        }

        /** Every value of the named field, in order, whatever the case of its name. */
        List<String> all(String name) {
            return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).toList();
        }

        Optional<String> first(String name) {
            return all(name).stream().findFirst();
        }

        /** Whether a Connection field names this option (close, keep-alive). */
        boolean connectionOption(String option) {
            return all("Connection").stream().flatMap(v -> List.of(v.split(",")).stream())
                    .anyMatch(o -> o.strip().equalsIgnoreCase(option));
        }

        /** HTTP/1.1 keeps a connection open unless told to close; HTTP/1.0 closes it unless told to keep it. */
        boolean keepAlive() {
            return http10 ? connectionOption("keep-alive") : !connectionOption("close");
        }
    }

    /** How the body is framed, read from the head before the body is. */
    record Framing(boolean chunked, long contentLength, boolean expectsContinue) {

        boolean hasBody() {
            return chunked || contentLength > 0;
        }
    }

    private final InputStream in;
    private boolean begun;

    /** {@code in} should be buffered: it is read a byte at a time. */
    Http11Reader(InputStream in) {
        this.in = in;
    }

    /** Whether any byte of the request being read has arrived (a connection idle between requests has none). */
    boolean begun() {
        return begun;
    }

    /**
     * The next request's line and header fields; empty if the stream ends cleanly before a new
     * request begins (the client closed a kept-alive connection).
     */
    Optional<Head> head() throws IOException, Refused {
        begun = false;
        String requestLine;
        int empty = 0;
        do {
            requestLine = line(MAX_TARGET_BYTES + MAX_METHOD_CHARS + 16, true);
            if (requestLine == null) {
                return Optional.empty();
            }
        } while (requestLine.isEmpty() && ++empty <= MAX_EMPTY_LINES_BEFORE_REQUEST);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw Refused.badRequest("the request line must be a method, a request target and an HTTP version, one space apart");
        }
        String method = parts[0];
        if (!isToken(method) || method.length() > MAX_METHOD_CHARS) {
            throw Refused.badRequest("the method must be a token of 1 to " + MAX_METHOD_CHARS + " letters, digits or !#$%&'*+-.^_`|~");
        }
        String target = originForm(parts[1]);
        boolean http10;
        if (parts[2].equals("HTTP/1.1")) {
            http10 = false;
        } else if (parts[2].equals("HTTP/1.0")) {
            http10 = true;
        } else {
            throw Refused.badRequest("this gateway speaks HTTP/1.1 and HTTP/1.0 only, not " + printable(parts[2]));
        }
        List<Field> fields = fields(MAX_HEADER_BYTES, MAX_HEADER_FIELDS);
        Head head = new Head(method, target, http10, fields);
        List<String> hosts = head.all("Host");
        if (!http10 && hosts.size() != 1) {
            throw Refused.badRequest("an HTTP/1.1 request must carry exactly one Host header");
        }
        return Optional.of(head);
    }

    /** How the head says its body is framed, refusing framing that is contradictory, malformed or too large. */
    static Framing framing(Head head) throws Refused {
        List<String> encodings = head.all("Transfer-Encoding");
        List<String> lengths = head.all("Content-Length");
        boolean chunked = false;
        long length = 0;
        if (!encodings.isEmpty()) {
            if (!lengths.isEmpty()) {
                throw Refused.badRequest("a request may not carry both Content-Length and Transfer-Encoding");
            }
            List<String> codings = encodings.stream().flatMap(v -> List.of(v.split(",", -1)).stream())
                    .map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
            if (head.http10() || !codings.equals(List.of("chunked"))) {
                throw Refused.badRequest("the only transfer coding this gateway takes is chunked, alone, over HTTP/1.1");
            }
            chunked = true;
        } else if (!lengths.isEmpty()) {
            List<String> values = lengths.stream().flatMap(v -> List.of(v.split(",", -1)).stream()).map(String::strip).distinct().toList();
            if (values.size() != 1 || !values.get(0).matches("[0-9]+")) {
                throw Refused.badRequest("Content-Length must be one decimal number of bytes");
            }
            String digits = values.get(0).replaceFirst("^0+(?=.)", "");
            if (digits.length() > 9 || Long.parseLong(digits) > MAX_BODY_BYTES) {
                throw Refused.tooLarge();
            }
            length = Long.parseLong(digits);
        }
        boolean expectsContinue = false;
        List<String> expectations = head.all("Expect");
        if (!expectations.isEmpty() && !head.http10()) {
            if (expectations.size() != 1 || !expectations.get(0).equalsIgnoreCase("100-continue")) {
                throw new Refused(417, "Expectation Failed", "the only expectation this gateway meets is 100-continue");
            }
            expectsContinue = true;
        }
        return new Framing(chunked, length, expectsContinue);
    }

    /** The body, framed as the head says: by its Content-Length, or in chunks (extensions and trailers read and left out). */
    byte[] body(Framing framing) throws IOException, Refused {
        if (!framing.chunked()) {
            byte[] body = in.readNBytes((int) framing.contentLength());
            if (body.length < framing.contentLength()) {
                throw Refused.badRequest("the body ended after " + body.length + " of the " + framing.contentLength()
                        + " bytes its Content-Length announced");
            }
            return body;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(MAX_CHUNK_LINE_BYTES, false);
            if (sizeLine == null) {
                throw Refused.badRequest("the chunked body ended before its last chunk");
            }
            int semicolon = sizeLine.indexOf(';');
            String size = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!size.matches("[0-9A-Fa-f]{1,16}")) {
                throw Refused.badRequest("a chunk size must be a hexadecimal number of bytes");
            }
            long chunk = size.length() > 8 ? Long.MAX_VALUE : Long.parseLong(size, 16);
            if (chunk == 0) {
                fields(MAX_HEADER_BYTES, MAX_HEADER_FIELDS);
                return body.toByteArray();
            }
            if (body.size() + chunk > MAX_BODY_BYTES) {
                throw Refused.tooLarge();
            }
            byte[] data = in.readNBytes((int) chunk);
            if (data.length < chunk) {
                throw Refused.badRequest("the chunked body ended inside a chunk");
            }
            body.writeBytes(data);
            int end = in.read();
            if (end == '\r') {
                end = in.read();
            }
            if (end != '\n') {
                throw Refused.badRequest("a chunk must end with CRLF right after its announced size");
            }
        }
    }

    /** Header fields (or a chunked body's trailer fields) up to the empty line that ends them. */
    private List<Field> fields(int maxBytes, int maxFields) throws IOException, Refused {
        List<Field> fields = new ArrayList<>();
        int budget = maxBytes;
        while (true) {
            String line = line(budget, false);
            if (line == null) {
                throw Refused.badRequest("the request ended before the empty line that ends its header fields");
            }
            if (line.isEmpty()) {
                return fields;
            }
            budget -= line.length() + 2;
            if (fields.size() == maxFields) {
                throw new Refused(431, "Request Header Fields Too Large", "a request may carry at most " + maxFields + " header fields");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw Refused.badRequest("a header field may not be folded onto a second line");
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (!isToken(name)) {
                throw Refused.badRequest("a header field must be a name (a token, with no space before its colon), a colon and a value");
            }
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw Refused.badRequest("the value of " + printable(name) + " holds a control character");
                }
            }
            fields.add(new Field(name, value));
        }
    }

    /**
     * One line, its bytes read as ISO-8859-1, without its line ending; null if the stream ends
     * before the line begins. Past {@code max} bytes it is refused: 414 for a request line, 431
     * for a header or trailer field, 400 for a chunk's size line.
     */
    private String line(int max, boolean requestLine) throws IOException, Refused {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw Refused.badRequest("the request ended in the middle of a line");
            }
            begun = true;
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                if (line.indexOf("\r") >= 0) {
                    throw Refused.badRequest("a line of the request holds a bare carriage return");
                }
                return line.toString();
            }
            if (line.length() == max) {
                throw tooLong(max, requestLine);
            }
            line.append((char) b);
        }
    }

    private static Refused tooLong(int max, boolean requestLine) {
        if (requestLine) {
            return new Refused(414, "URI Too Long", "the request target must be at most " + MAX_TARGET_BYTES + " bytes");
        }
        if (max <= MAX_CHUNK_LINE_BYTES) {
            return Refused.badRequest("a chunk's size line is longer than " + MAX_CHUNK_LINE_BYTES + " bytes");
        }
        return new Refused(431, "Request Header Fields Too Large", "a request's header fields may take at most " + MAX_HEADER_BYTES + " bytes");
    }

    /**
     * The request target in origin form ({@code /path?query}): an absolute-form target is cut
     * down to its path and query; anything else, or a target with bytes outside visible ASCII,
     * is refused.
     */
    private static String originForm(String target) throws Refused {
        if (target.length() > MAX_TARGET_BYTES) {
            throw new Refused(414, "URI Too Long", "the request target must be at most " + MAX_TARGET_BYTES + " bytes");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw Refused.badRequest("the request target may hold only visible ASCII, with anything else percent-encoded, and no fragment");
            }
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int path = target.indexOf('/', target.indexOf("//") + 2);
            int query = target.indexOf('?', target.indexOf("//") + 2);
            target = path >= 0 && (query < 0 || path < query) ? target.substring(path)
                    : "/" + (query >= 0 ? target.substring(query) : "");
        }
        if (!target.startsWith("/")) {
            throw Refused.badRequest("the request target must be a path that starts with '/'");
        }
        return target;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Text from the wire, safe to quote in an answer: at most 64 characters, visible ASCII only. */
    static String printable(String text) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < text.length() && i < 64; i++) {
            char c = text.charAt(i);
            safe.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return safe.toString();
    }
}
