package com.stockroom.order.infrastructure;

import com.stockroom.order.application.PaymentTimeout;
import com.stockroom.order.model.Carts;
import com.stockroom.order.model.Orders;
import com.stockroom.platform.Settings;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Binds the order flow's ports to their DynamoDB adapters. */
@Module
public interface OrderModule {

    @Binds
    @Singleton
    Orders orders(DynamoDbOrders orders);

    @Binds
    @Singleton
    Carts carts(DynamoDbCarts carts);

    @Provides
    @Singleton
    static OrderTables tables(Settings settings) {
        return new OrderTables(settings.require("ORDERS_TABLE"), settings.require("CARTS_TABLE"), settings.stockTable());
    }

    @Provides
    @Singleton
    static PaymentTimeout paymentTimeout(Settings settings) {
        return new PaymentTimeout(settings.get("PAYMENT_TIMEOUT_SECONDS")
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())))
                .orElse(PaymentTimeout.DEFAULT));
    }
}
