package com.stockroom.functions.payments;

import com.stockroom.order.application.TimingOutPayments;
import com.stockroom.order.infrastructure.OrderModule;
import com.stockroom.order.infrastructure.PaymentRequestsModule;
import com.stockroom.platform.AwsModule;
import com.stockroom.platform.Settings;
import com.stockroom.stock.infrastructure.StockModule;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Lazy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What the payment result and payment timeout functions are made of (each uses its part). */
@Singleton
@Component(modules = {AwsModule.class, StockModule.class, OrderModule.class, PaymentRequestsModule.class})
interface PaymentsFunction {

    PaymentResultMessages messages();

    TimingOutPayments timeouts();

    /** The SQS client for refunds and set-aside messages, built at its first use; SnapStart priming builds it before the snapshot. */
    Lazy<SqsClient> queues();

    @Component.Factory
    interface Factory {
        PaymentsFunction create(@BindsInstance Settings settings);
    }
}
