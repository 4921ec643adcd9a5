package com.stockroom.local;

import com.stockroom.web.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for the requests the JDK's HttpClient will not send: broken
 * framing, lying lengths, bytes that are not UTF-8 in a path or header, over-long lines. The
 * request goes out byte for byte as given (on a thread of its own, so that an early answer is
 * read while a large request is still being written) and the first answer is read back.
 */
final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** An answer as it came off the wire; {@code body} is the bytes its Content-Length framed. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body parsed as JSON; an AssertionError if it is not JSON. */
        Object json() {
            try {
                return Json.parse(text());
            } catch (Json.Malformed malformed) {
                throw new AssertionError("the answer is not JSON: " + this, malformed);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** Thrown when the connection ends with no answer at all. */
    static final class Dropped extends AssertionError {
        Dropped(String message) {
            super(message);
        }
    }

    /** A request head of these lines (CRLF added), then these body bytes, exactly. */
    static byte[] request(List<String> headLines, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : headLines) {
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends the bytes and reads the first answer. */
    static Answer send(byte[] request) {
        return send(request, false);
    }

    /**
     * Sends the bytes, then, when {@code halfClose}, ends the request stream (as a client that
     * has nothing more to send does), and reads the first answer.
     */
    static Answer send(byte[] request, boolean halfClose) {
        int port = Stack.get().apiEndpoint().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int offset = 0; offset < request.length; offset += 64 * 1024) {
                        out.write(request, offset, Math.min(64 * 1024, request.length - offset));
                    }
                    out.flush();
                    if (halfClose) {
                        socket.shutdownOutput();
                    }
                } catch (IOException closedEarly) {
                    // The server answered and closed before taking everything: its answer is what counts.
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            boolean head = request.length > 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
            Answer answer = read(socket.getInputStream(), head);
            writer.join(READ_TIMEOUT_MILLIS);
            return answer;
        } catch (SocketTimeoutException silent) {
            throw new Dropped("no answer within " + READ_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            throw new Dropped("the connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads one answer off the stream, skipping interim (1xx) ones. */
    static Answer read(InputStream in) throws IOException {
        return read(in, false);
    }

    /** Reads one answer off the stream, skipping interim (1xx) ones; an answer to HEAD has no body, whatever its length says. */
    static Answer read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new Dropped("the connection was closed with no answer");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new AssertionError("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            List<String> length = headers.get("content-length");
            byte[] body = length == null || head ? new byte[0] : in.readNBytes(Integer.parseInt(length.get(0)));
            return new Answer(status, headers, body);
        }
    }

    /** One line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
