package com.stockroom.lambda;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a DynamoDB stream event, its images already in the SDK's own attribute values
 * (which the adapters read), read from the record's JSON: {@code eventName} and
 * {@code dynamodb.{Keys, OldImage, NewImage, SequenceNumber, StreamViewType}}. An image the
 * record lacks is empty.
 */
public record StreamRecord(String eventName, String sequenceNumber, String streamViewType, Map<String, AttributeValue> keys,
        Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {

    /** Reads a record; an attribute value that is not DynamoDB JSON fails it as malformed. */
    static StreamRecord read(Map<String, Object> record) {
        Map<String, Object> data = Events.object(record, "dynamodb");
        if (data.isEmpty()) {
            throw new StreamBatches.MalformedRecord("the record has no dynamodb member");
        }
        return new StreamRecord(Events.string(record, "eventName"), Events.string(data, "SequenceNumber"),
                Events.string(data, "StreamViewType"), image(data.get("Keys")), image(data.get("OldImage")),
                image(data.get("NewImage")));
    }

    /** The sequence number of a record, however malformed the rest of it is, or null. */
    static String sequenceNumberOf(Object record) {
        if (record instanceof Map<?, ?> fields && fields.get("dynamodb") instanceof Map<?, ?> data
                && data.get("SequenceNumber") instanceof String sequence) {
            return sequence;
        }
        return null;
    }

    private static Map<String, AttributeValue> image(Object image) {
        if (image == null) {
            return Map.of();
        }
        if (!(image instanceof Map<?, ?> attributes)) {
            throw new StreamBatches.MalformedRecord("an image is not an object of attributes");
        }
        Map<String, AttributeValue> sdk = new LinkedHashMap<>();
        attributes.forEach((name, value) -> sdk.put((String) name, value(value)));
        return sdk;
    }

    /** One attribute value in DynamoDB JSON: an object of exactly one type member, {@code {"S": "..."}}. */
    private static AttributeValue value(Object json) {
        if (!(json instanceof Map<?, ?> typed) || typed.size() != 1) {
            throw new StreamBatches.MalformedRecord("an attribute value is not DynamoDB JSON");
        }
        Map.Entry<?, ?> only = typed.entrySet().iterator().next();
        Object v = only.getValue();
        AttributeValue.Builder sdk = AttributeValue.builder();
        switch (String.valueOf(only.getKey())) {
            case "S" -> sdk.s(text(v));
            case "N" -> sdk.n(text(v));
            case "B" -> sdk.b(bytes(v));
            case "SS" -> sdk.ss(list(v).stream().map(StreamRecord::text).toList());
            case "NS" -> sdk.ns(list(v).stream().map(StreamRecord::text).toList());
            case "BS" -> sdk.bs(list(v).stream().map(StreamRecord::bytes).toList());
            case "M" -> sdk.m(image(v));
            case "L" -> sdk.l(list(v).stream().map(StreamRecord::value).toList());
            case "BOOL" -> sdk.bool(flag(v));
            case "NULL" -> sdk.nul(flag(v));
            default -> throw new StreamBatches.MalformedRecord("an attribute value has the unknown type " + only.getKey());
        }
        return sdk.build();
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new StreamBatches.MalformedRecord("an S, N or set member is not a string");
    }

    private static SdkBytes bytes(Object v) {
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(text(v)));
        } catch (IllegalArgumentException notBase64) {
            throw new StreamBatches.MalformedRecord("a B value is not base64");
        }
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> list) {
            return list;
        }
        throw new StreamBatches.MalformedRecord("a set or list value is not an array");
    }

    private static boolean flag(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new StreamBatches.MalformedRecord("a BOOL or NULL value is not true or false");
    }
}
