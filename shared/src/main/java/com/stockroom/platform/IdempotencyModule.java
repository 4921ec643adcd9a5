package com.stockroom.platform;

import com.stockroom.web.Idempotency;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Idempotency keys for the HTTP functions, kept in the table {@code IDEMPOTENCY_TABLE} names. */
@Module
public final class IdempotencyModule {

    private IdempotencyModule() {
    }

    @Provides
    @Singleton
    static Idempotency idempotency(DynamoDbClient dynamoDb, Settings settings, Clock clock) {
        return new Idempotency(new DynamoDbIdempotencyStore(dynamoDb, settings.require("IDEMPOTENCY_TABLE"), clock));
    }
}
