package com.stockroom.order.infrastructure;

import com.stockroom.order.model.PaymentRequests;
import com.stockroom.platform.AwsModule;
import com.stockroom.platform.Settings;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Payment requests over SQS; only the functions that send them carry the SQS client. */
@Module
public interface PaymentRequestsModule {

    @Binds
    @Singleton
    PaymentRequests paymentRequests(SqsPaymentRequests requests);

    @Provides
    @Singleton
    @Named("payment-requests")
    static String paymentRequestsQueue(Settings settings) {
        return settings.require("PAYMENT_REQUESTS_QUEUE_URL");
    }

    @Provides
    @Singleton
    static SqsClient sqs(Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return AwsModule.configured(SqsClient.builder(), "SQS", settings, http, credentials).build();
    }
}
