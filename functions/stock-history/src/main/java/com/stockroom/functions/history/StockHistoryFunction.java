package com.stockroom.functions.history;

import com.stockroom.platform.AwsModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** What the stock history function is made of. */
@Singleton
@Component(modules = {AwsModule.class, StockModule.class, StockEventsModule.class})
interface StockHistoryFunction {

    StockStreamConsumer consumer();

    @Component.Factory
    interface Factory {
        StockHistoryFunction create(@BindsInstance Settings settings);
    }
}
