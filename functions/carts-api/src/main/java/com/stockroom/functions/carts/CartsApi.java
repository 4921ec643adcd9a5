package com.stockroom.functions.carts;

import com.stockroom.order.infrastructure.OrderModule;
import com.stockroom.platform.AwsModule;
import com.stockroom.platform.IdempotencyModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** What the carts function is made of. */
@Singleton
@Component(modules = {AwsModule.class, IdempotencyModule.class, StockModule.class, OrderModule.class})
interface CartsApi {

    CartRoutes routes();

    @Component.Factory
    interface Factory {
        CartsApi create(@BindsInstance Settings settings);
    }
}
