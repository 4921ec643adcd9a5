package com.stockroom.functions.history;

import com.stockroom.platform.AwsModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.model.StockEventBus;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Binds the stock event bus to EventBridge, its client built as every client here is ({@link AwsModule#configured}). */
@Module
interface StockEventsModule {

    @Binds
    @Singleton
    StockEventBus bus(EventBridgeStockEvents events);

    @Provides
    @Singleton
    static EventBridgeClient eventBridge(Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return AwsModule.configured(EventBridgeClient.builder(), "EVENTBRIDGE", settings, http, credentials).build();
    }
}
