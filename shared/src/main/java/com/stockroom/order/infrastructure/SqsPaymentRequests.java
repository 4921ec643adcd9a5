package com.stockroom.order.infrastructure;

import com.stockroom.common.DependencyUnavailable;
import com.stockroom.common.Telemetry;
import com.stockroom.order.model.OrderId;
import com.stockroom.order.model.PaymentRequests;
import com.stockroom.platform.Retrying;
import com.stockroom.web.Json;
import dagger.Lazy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Payment requests as messages on the payment-requests queue, where the gateway adapter reads
 * them. The SQS client is built at the first request sent (or before a SnapStart snapshot), not
 * at init: most of a function's requests send none.
 */
final class SqsPaymentRequests implements PaymentRequests {

    private final Lazy<SqsClient> sqs;
    private final String queueUrl;

    @Inject
    SqsPaymentRequests(Lazy<SqsClient> sqs, @Named("payment-requests") String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * The request's correlation id as a message attribute, for the gateway adapter to copy onto
     * its result, so the result's log line carries the id of the HTTP request that paid.
     */
    private static Map<String, MessageAttributeValue> correlation() {
        return Telemetry.correlationId()
                .map(id -> Map.of(Telemetry.CORRELATION_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(id).build()))
                .orElse(Map.of());
    }

    @Override
    public void refund(OrderId orderId, String paymentId) {
        Retrying.run("sending a refund request", () -> sqs.get().sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Json.object(
                "type", "refund", "order_id", orderId.value(), "payment_id", paymentId))).messageAttributes(correlation())));
    }

    @Override
    public void send(OrderId orderId, String paymentId, String token) {
        try {
            Retrying.run("sending a payment request", () -> sqs.get().sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Json.object(
                    "type", "charge", "order_id", orderId.value(), "payment_id", paymentId, "payment", token))).messageAttributes(correlation())));
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
