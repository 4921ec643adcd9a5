package com.stockroom.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import software.amazon.awssdk.core.SdkBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a DynamoDB stream batch record by record, in order, and reports a partial batch
 * failure: the first record that fails and everything after it are retried, nothing before it.
 */
public final class StreamBatches {

    private StreamBatches() {
    }

    public static StreamsEventResponse process(DynamodbEvent event, Consumer<DynamodbEvent.DynamodbStreamRecord> recordHandler) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                recordHandler.accept(record);
            } catch (RuntimeException failure) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                System.err.println("Stream record " + sequenceNumber + " failed; it and the rest of the batch will be retried: " + failure);
                failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumber).build());
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** A stream image in the SDK's own attribute values, which the adapters read. */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image(Map<String, AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new LinkedHashMap<>();
        image.forEach((name, value) -> sdk.put(name, toSdk(value)));
        return sdk;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            sdk.s(v.getS());
        } else if (v.getN() != null) {
            sdk.n(v.getN());
        } else if (v.getB() != null) {
            sdk.b(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getSS() != null) {
            sdk.ss(v.getSS());
        } else if (v.getNS() != null) {
            sdk.ns(v.getNS());
        } else if (v.getBS() != null) {
            sdk.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        } else if (v.getM() != null) {
            sdk.m(image(v.getM()));
        } else if (v.getL() != null) {
            sdk.l(v.getL().stream().map(StreamBatches::toSdk).toList());
        } else if (v.getBOOL() != null) {
            sdk.bool(v.getBOOL());
        } else {
            sdk.nul(true);
        }
        return sdk.build();
    }
}
