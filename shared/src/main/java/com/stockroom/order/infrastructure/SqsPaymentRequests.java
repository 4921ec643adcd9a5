package com.stockroom.order.infrastructure;

import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.PaymentRequests;
import com.stockroom.web.Json;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Payment requests as messages on the payment-requests queue, where the gateway adapter reads them. */
final class SqsPaymentRequests implements PaymentRequests {

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    SqsPaymentRequests(SqsClient sqs, @Named("payment-requests") String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(OrderId orderId, String paymentId, String token) {
        try {
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Json.object(
                    "order_id", orderId.value(), "payment_id", paymentId, "payment", token))));
        } catch (AwsServiceException refused) {
            throw new NotSent("the payment requests queue refused the request: " + refused.getMessage(), refused);
        }
    }
}
