package com.stockroom.functions.orders;

import com.stockroom.order.infrastructure.OrderModule;
import com.stockroom.order.infrastructure.PaymentRequestsModule;
import com.stockroom.platform.AwsModule;
import com.stockroom.platform.IdempotencyModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** What the orders function is made of. */
@Singleton
@Component(modules = {AwsModule.class, IdempotencyModule.class, StockModule.class, OrderModule.class, PaymentRequestsModule.class})
interface OrdersApi {

    OrderRoutes routes();

    @Component.Factory
    interface Factory {
        OrdersApi create(@BindsInstance Settings settings);
    }
}
