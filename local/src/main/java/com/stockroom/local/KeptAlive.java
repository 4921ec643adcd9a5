package com.stockroom.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 connection kept alive, a request at a time: writes a request's bytes and reads
 * the answer framed by its Content-Length (the local gateway always gives one). Lighter than
 * a general client, so that what is timed is the gateway rather than the client.
 */
final class KeptAlive implements AutoCloseable {

    /** A request as its bytes on the wire, for the kept-alive connection. */
    static byte[] wire(String method, String path, String body, String token) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + content.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    record Answer(int status, String body) {
    }

    private final URI endpoint;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeptAlive(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Connects now; {@link #send} connects on first use otherwise (the gateway closes a
     * connection left idle, as it would be while a measure's items are made).
     */
    void connect() throws IOException {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    Answer send(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = 0;
        for (String field = line(); !field.isEmpty(); field = line()) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(field.substring(colon + 1).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the gateway closed the connection mid-answer");
        }
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the gateway closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

