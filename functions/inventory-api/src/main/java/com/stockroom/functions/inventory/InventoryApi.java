package com.stockroom.functions.inventory;

import com.stockroom.platform.AwsModule;
import com.stockroom.platform.IdempotencyModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** What the Inventory API function is made of. */
@Singleton
@Component(modules = {AwsModule.class, IdempotencyModule.class, StockModule.class})
interface InventoryApi {

    InventoryRoutes routes();

    @Component.Factory
    interface Factory {
        InventoryApi create(@BindsInstance Settings settings);
    }
}
