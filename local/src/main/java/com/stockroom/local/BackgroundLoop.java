package com.stockroom.local;

/**
 * A daemon thread that does one round of work after another until closed: the shape of every
 * poller of the local stack. A round that fails is logged and tried again after a pause.
 */
abstract class BackgroundLoop implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    BackgroundLoop(String name) {
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Starts the loop; call once, after construction. */
    final void start() {
        thread.start();
    }

    final boolean running() {
        return running;
    }

    /** One round of work. */
    abstract void round() throws InterruptedException;

    private void loop() {
        while (running) {
            try {
                round();
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failed) {
                if (!running) {
                    return;
                }
                System.err.println("[" + thread.getName() + "] " + failed + "; trying again");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
