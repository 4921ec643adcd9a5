package com.stockroom.platform;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * The AWS clients, built once per function instance. The JDK's url-connection HTTP client and
 * credentials read straight from the environment keep the cold start short; region and endpoint
 * come from the environment, so the same jar runs on AWS, LocalStack and the embedded stack.
 */
@Module
public final class AwsModule {

    private AwsModule() {
    }

    /** The SDK's own defaults for the url-connection client: 2 s to connect, 30 s to read. */
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 30_000;

    /**
     * The url-connection client, opening its connections itself: the SDK's default factory
     * builds a TLS context at init (parsing every CA certificate the JDK trusts, most of a
     * function's init), while the JDK's own makes it on the first HTTPS request, which only a
     * request needs. On AWS that is the first call (or the SnapStart priming before the
     * snapshot); against an emulator over plain HTTP, never. Same trust store, same proxy
     * settings (the JDK's), the SDK's default timeouts.
     */
    @Provides
    @Singleton
    static SdkHttpClient httpClient(Settings settings) {
        SdkHttpClient http = UrlConnectionHttpClient.create(AwsModule::openConnection);
        // Only the local stack and the tests set this; on AWS the functions talk to the services directly.
        return settings.get("STOCKROOM_FAULT_RATE").map(rate -> {
            FaultInjection.parseRate(rate);
            return (SdkHttpClient) new FaultInjection(http);
        }).orElse(http);
    }

    static HttpURLConnection openConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provides
    @Singleton
    static AwsCredentialsProvider credentials(Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            String id = settings.accessKeyId().get();
            String secret = settings.secretAccessKey().get();
            return StaticCredentialsProvider.create(settings.sessionToken()
                    .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return configured(DynamoDbClient.builder(), "DYNAMODB", settings, http, credentials).build();
    }

    /**
     * A client builder set up the way every client here is: the shared HTTP client and
     * credentials, the region, and the service's endpoint override when the environment has one.
     */
    public static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configured(
            B builder, String service, Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        builder.httpClient(http).credentialsProvider(credentials).region(Region.of(settings.region()));
        settings.endpoint(service).ifPresent(builder::endpointOverride);
        if (settings.get("STOCKROOM_COUNT_CALLS").filter("true"::equals).isPresent()) {
            String function = settings.get("AWS_LAMBDA_FUNCTION_NAME").orElse("unnamed");
            builder.overrideConfiguration(o -> o.addExecutionInterceptor(new CallCounts(function)));
            CallCounts.clientBuilt(function, service);
        }
        return builder;
    }

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }
}
