package com.stockroom.stock.infrastructure;

import com.stockroom.platform.Settings;
import com.stockroom.stock.application.TransactionIds;
import com.stockroom.stock.model.StockHistory;
import com.stockroom.stock.model.Stocks;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Binds the stock ports to their DynamoDB adapters. */
@Module
public interface StockModule {

    @Binds
    @Singleton
    Stocks stocks(DynamoDbStocks stocks);

    @Binds
    @Singleton
    StockHistory history(DynamoDbStockHistory history);

    @Provides
    @Singleton
    static StockTables tables(Settings settings) {
        return new StockTables(settings.stockTable(), settings.stockHistoryTable());
    }

    @Provides
    @Singleton
    static TransactionIds transactionIds(Clock clock) {
        return new TransactionIds(clock);
    }
}
