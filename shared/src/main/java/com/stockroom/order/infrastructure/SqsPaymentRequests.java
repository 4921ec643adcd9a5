package com.stockroom.order.infrastructure;

import com.stockroom.common.DependencyUnavailable;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.PaymentRequests;
import com.stockroom.platform.Retrying;
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
    public void refund(OrderId orderId, String paymentId) {
        Retrying.run("sending a refund request", () -> sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Json.object(
                "type", "refund", "order_id", orderId.value(), "payment_id", paymentId)))));
    }

    @Override
    public void send(OrderId orderId, String paymentId, String token) {
        try {
            Retrying.run("sending a payment request", () -> sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Json.object(
                    "type", "charge", "order_id", orderId.value(), "payment_id", paymentId, "payment", token)))));
        } catch (DependencyUnavailable unavailable) {
            if (unavailable.getCause() instanceof AwsServiceException refused && refused.statusCode() < 500) {
                throw new NotSent("the payment requests queue refused the request: " + refused.getMessage(), refused);
            }
            throw unavailable;
        } catch (AwsServiceException refused) {
            if (refused.statusCode() < 500) {
                throw new NotSent("the payment requests queue refused the request: " + refused.getMessage(), refused);
            }
            throw refused;
        }
    }
}
