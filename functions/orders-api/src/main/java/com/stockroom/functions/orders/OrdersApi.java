package com.stockroom.functions.orders;

import com.stockroom.order.infrastructure.OrderModule;
import com.stockroom.order.infrastructure.PaymentRequestsModule;
import com.stockroom.platform.AwsModule;
import com.stockroom.platform.IdempotencyModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Lazy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What the orders function is made of. */
@Singleton
@Component(modules = {AwsModule.class, IdempotencyModule.class, StockModule.class, OrderModule.class, PaymentRequestsModule.class})
interface OrdersApi {

    OrderRoutes routes();

    /** The payment requests' SQS client, built at the first payment; SnapStart priming builds it before the snapshot. */
    Lazy<SqsClient> paymentRequestsClient();

    @Component.Factory
    interface Factory {
        OrdersApi create(@BindsInstance Settings settings);
    }
}
