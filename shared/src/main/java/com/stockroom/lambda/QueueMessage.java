package com.stockroom.lambda;

/** One message of an SQS event: what a queue consumer reads of it. */
public record QueueMessage(String messageId, String body) {
}
