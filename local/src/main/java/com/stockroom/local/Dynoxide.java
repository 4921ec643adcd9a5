package com.stockroom.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Dynoxide DynamoDB emulator as a child process on loopback, in memory. It is started
 * under a small shell watchdog that also ends it if this JVM dies without shutting down, so no
 * emulator outlives the stack that started it.
 */
final class Dynoxide implements AutoCloseable {

    private static final String WATCHDOG =
            "\"$0\" --port \"$1\" & child=$!\n"
            + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT HUP\n"
            + "while kill -0 \"$2\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done\n"
            + "kill $child 2>/dev/null; wait $child\n";

    private final Process process;
    private final int port;

    private Dynoxide(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Dynoxide start(Path binary, int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("the Dynoxide binary is not at " + binary
                    + "; build with 'mvn package' (it installs @dynoxide/linux-x64 into local/node_modules) or set DYNOXIDE_BIN");
        }
        Process process = new ProcessBuilder("sh", "-c", WATCHDOG, binary.toString(), Integer.toString(port),
                Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains("listening on")) {
                        ready.countDown();
                    } else if (ready.getCount() > 0 || Boolean.getBoolean("stockroom.verbose")) {
                        System.err.println("[dynoxide] " + line);
                    }
                }
            } catch (IOException ended) {
                // the process is gone; nothing more to read
            }
        }, "dynoxide-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("Dynoxide did not start on port " + port + " (see its output above)");
            }
        }
        return new Dynoxide(process, port);
    }

    /** The emulator's processes: the watchdog shell and the binary it runs. */
    java.util.Set<Long> pids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
