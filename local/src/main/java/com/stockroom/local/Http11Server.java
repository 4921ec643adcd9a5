package com.stockroom.local;

import com.stockroom.web.JsonApi;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The local gateway's HTTP/1.1 server, on plain sockets: a thread per connection, kept alive
 * between requests, bodies framed by length or in chunks, {@code Expect: 100-continue}, HEAD.
 * The JDK's own {@code com.sun.net.httpserver} answers a request it cannot parse (a malformed
 * percent-escape, a bad request line or header, an unsupported transfer coding) with an HTML
 * page before any handler runs, and drops the connection when a chunked body is broken; here
 * every request that cannot be framed or will not be taken gets a JSON:API error
 * ({@link Http11Reader.Refused}) and the connection is closed after it.
 */
final class Http11Server implements AutoCloseable {

    /** A kept-alive connection with no request for this long is closed; a request this slow gets 408. */
    private static final int IDLE_MILLIS = 30_000;
    private static final int MAX_CONNECTIONS = 256;
    /** After refusing a request, its unread rest is read and dropped for up to this long, so that the client sees the answer. */
    private static final long LINGER_MILLIS = 1_000;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Framing is the server's to write; a handler's own framing headers are dropped. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "date");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(413, "Payload Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(417, "Expectation Failed"), Map.entry(422, "Unprocessable Entity"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"));

    /** One request, read whole: its line and header fields, its body, and who sent it. */
    record Request(Http11Reader.Head head, byte[] body, InetAddress remote) {

        String method() {
            return head.method();
        }

        String target() {
            return head.target();
        }

        List<String> all(String name) {
            return head.all(name);
        }

        Optional<String> first(String name) {
            return head.first(name);
        }
    }

    interface Handler {
        HttpGateway.Answer answer(Request request);
    }

    private final ServerSocket listener;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Http11Server(ServerSocket listener) {
        this.listener = listener;
        this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "http-gateway");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes the port on loopback (0: any free one) without answering on it yet. */
    static Http11Server bind(int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        return new Http11Server(listener);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Starts accepting connections, each request answered by {@code handler}. */
    void start(Handler handler) {
        Thread acceptor = new Thread(() -> accept(handler), "http-gateway-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(Handler handler) {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("The gateway stopped accepting connections: " + e);
                }
                return;
            }
            open.add(socket);
            try {
                connections.execute(() -> serve(socket, handler));
            } catch (RejectedExecutionException busy) {
                try (socket) {
                    write(socket.getOutputStream(), error(503, "Service Unavailable", "the local gateway has "
                            + MAX_CONNECTIONS + " connections open; try again").withHeader("Retry-After", "1"), false, false, false);
                } catch (IOException gone) {
                    // Nobody to tell.
                } finally {
                    open.remove(socket);
                }
            }
        }
    }

    private void serve(Socket socket, Handler handler) {
        try (socket) {
            socket.setSoTimeout(IDLE_MILLIS);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            Http11Reader reader = new Http11Reader(in);
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                Http11Reader.Head head;
                byte[] body;
                try {
                    Optional<Http11Reader.Head> next = reader.head();
                    if (next.isEmpty()) {
                        return;
                    }
                    head = next.get();
                    Http11Reader.Framing framing = Http11Reader.framing(head);
                    if (framing.expectsContinue() && framing.hasBody()) {
                        out.write(CONTINUE);
                        out.flush();
                    }
                    body = reader.body(framing);
                } catch (Http11Reader.Refused refused) {
                    refuse(socket, in, out, refused);
                    return;
                } catch (SocketTimeoutException slow) {
                    if (reader.begun()) {
                        refuse(socket, in, out, new Http11Reader.Refused(408, "Request Timeout",
                                "the request did not arrive whole within " + IDLE_MILLIS / 1000 + " seconds"));
                    }
                    return;
                }
                keepAlive = head.keepAlive() && !closed;
                HttpGateway.Answer answer;
                try {
                    answer = handler.answer(new Request(head, body, socket.getInetAddress()));
                } catch (RuntimeException bug) {
                    bug.printStackTrace();
                    answer = error(500, "Internal Server Error", "the local gateway failed on this request; its log says why");
                }
                write(out, answer, head.method().equals("HEAD"), keepAlive, head.http10());
            }
            closeGracefully(socket, in);
        } catch (IOException gone) {
            // The client went away; there is no one left to answer.
        } finally {
            open.remove(socket);
        }
    }

    /** Answers a refused request and closes the connection. */
    private static void refuse(Socket socket, InputStream in, OutputStream out, Http11Reader.Refused refused) throws IOException {
        write(out, error(refused.status, refused.title, refused.getMessage()), false, false, false);
        closeGracefully(socket, in);
    }

    /**
     * Ends the sending side, then reads and drops whatever the client still sends for a moment,
     * so that closing does not reset the connection under an answer the client has not read yet.
     */
    private static void closeGracefully(Socket socket, InputStream in) throws IOException {
        socket.shutdownOutput();
        long deadline = System.currentTimeMillis() + LINGER_MILLIS;
        socket.setSoTimeout((int) LINGER_MILLIS);
        byte[] sink = new byte[64 * 1024];
        try {
            while (System.currentTimeMillis() < deadline && in.read(sink) >= 0) {
                // Dropped.
            }
        } catch (IOException done) {
            // Timed out or reset: either way, done.
        }
    }

    private static HttpGateway.Answer error(int status, String title, String detail) {
        return HttpGateway.Answer.json(status, JsonApi.errors(status, title, detail));
    }

    private static void write(OutputStream out, HttpGateway.Answer answer, boolean head, boolean keepAlive, boolean http10) throws IOException {
        int status = answer.status();
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        StringBuilder lines = new StringBuilder(256);
        lines.append("HTTP/1.1 ").append(status).append(' ').append(REASONS.getOrDefault(status, "Status")).append("\r\n");
        lines.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        answer.headers().forEach((name, value) -> {
            if (!FRAMING.contains(name.toLowerCase(java.util.Locale.ROOT)) && isFieldName(name) && isFieldValue(value)) {
                lines.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (bodyAllowed) {
            lines.append("Content-Length: ").append(answer.body().length).append("\r\n");
        }
        if (!keepAlive) {
            lines.append("Connection: close\r\n");
        } else if (http10) {
            lines.append("Connection: keep-alive\r\n");
        }
        lines.append("\r\n");
        out.write(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bodyAllowed && !head) {
            out.write(answer.body());
        }
        out.flush();
    }

    private static boolean isFieldName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':');
    }

    private static boolean isFieldValue(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c <= 0xff || c == '\t');
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        connections.shutdownNow();
    }
}
