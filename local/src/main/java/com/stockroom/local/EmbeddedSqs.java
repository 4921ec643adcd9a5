package com.stockroom.local;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, embedded: SQS on loopback, with queue URLs that name 127.0.0.1. */
final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedSqs start(int port) {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSAccountId(Intrinsics.ACCOUNT)
                .withAWSRegion(Intrinsics.REGION)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
