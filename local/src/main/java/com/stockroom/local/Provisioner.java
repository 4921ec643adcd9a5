package com.stockroom.local;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Makes what the template declares: its DynamoDB tables (keys, indexes, streams) and its SQS
 * queues (with their redrive policies), and tells {@link Intrinsics} what each one's
 * {@code Ref} and attributes are.
 */
final class Provisioner {

    private static final Map<String, QueueAttributeName> QUEUE_ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "FifoQueue", QueueAttributeName.FIFO_QUEUE,
            "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);

    private final Template template;
    private final Intrinsics intrinsics;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    /** Logical id to table name and to queue URL; queue ARN to queue URL. */
    final Map<String, String> tables = new LinkedHashMap<>();
    final Map<String, String> queues = new LinkedHashMap<>();
    final Map<String, String> queueUrlsByArn = new HashMap<>();

    Provisioner(Template template, Intrinsics intrinsics, DynamoDbClient dynamoDb, SqsClient sqs) {
        this.template = template;
        this.intrinsics = intrinsics;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
    }

    void provision() {
        template.resources().forEach((id, resource) -> intrinsics.define(id, id,
                "AWS::Serverless::Function".equals(resource.get("Type"))
                        ? Map.of("Arn", "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + id)
                        : Map.of()));
        template.resources("AWS::DynamoDB::Table").forEach(this::table);
        createQueues(template.resources("AWS::SQS::Queue"));
    }

    private void table(String id, Map<String, Object> properties) {
        String name = properties.containsKey("TableName") ? intrinsics.string(properties.get("TableName")) : id;
        CreateTableRequest.Builder create = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(str(a, "AttributeName")).attributeType(str(a, "AttributeType")).build())
                        .toList())
                .keySchema(keys(properties.get("KeySchema")));
        if ("PROVISIONED".equals(properties.get("BillingMode")) || properties.containsKey("ProvisionedThroughput")) {
            create.provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build());
        } else {
            create.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        if (properties.get("GlobalSecondaryIndexes") != null) {
            create.globalSecondaryIndexes(list(properties.get("GlobalSecondaryIndexes")).stream()
                    .map(gsi -> GlobalSecondaryIndex.builder().indexName(str(gsi, "IndexName"))
                            .keySchema(keys(gsi.get("KeySchema"))).projection(projection(gsi)).build())
                    .toList());
        }
        if (properties.get("LocalSecondaryIndexes") != null) {
            create.localSecondaryIndexes(list(properties.get("LocalSecondaryIndexes")).stream()
                    .map(lsi -> LocalSecondaryIndex.builder().indexName(str(lsi, "IndexName"))
                            .keySchema(keys(lsi.get("KeySchema"))).projection(projection(lsi)).build())
                    .toList());
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            create.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        try {
            dynamoDb.createTable(create.build());
        } catch (ResourceInUseException exists) {
            // an external emulator that kept its tables from an earlier run
        }
        TableDescription table = dynamoDb.describeTable(d -> d.tableName(name)).table();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        intrinsics.define(id, name, attributes);
        tables.put(id, name);
    }

    /** Creates queues so that every dead-letter queue exists before the queues that redrive to it. */
    private void createQueues(Map<String, Map<String, Object>> declared) {
        Map<String, Map<String, Object>> pending = new LinkedHashMap<>(declared);
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (String id : new ArrayList<>(pending.keySet())) {
                try {
                    queue(id, pending.get(id));
                    pending.remove(id);
                } catch (IllegalArgumentException waitsOnAnotherQueue) {
                    // its redrive target is not made yet; next pass
                }
            }
            if (pending.size() == before) {
                throw new IllegalStateException("cannot resolve the queues " + pending.keySet());
            }
        }
    }

    private void queue(String id, Map<String, Object> properties) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        QUEUE_ATTRIBUTES.forEach((property, attribute) -> {
            if (properties.get(property) != null) {
                attributes.put(attribute, intrinsics.string(properties.get(property)));
            }
        });
        if (properties.get("RedrivePolicy") != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.write(intrinsics.resolve(properties.get("RedrivePolicy"))));
        }
        boolean fifo = "true".equals(attributes.get(QueueAttributeName.FIFO_QUEUE));
        String name = properties.containsKey("QueueName") ? intrinsics.string(properties.get("QueueName")) : id + (fifo ? ".fifo" : "");
        String url = sqs.createQueue(c -> c.queueName(name).attributes(attributes)).queueUrl();
        String arn = "arn:aws:sqs:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":" + name;
        intrinsics.define(id, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
        queues.put(id, url);
        queueUrlsByArn.put(arn, url);
    }

    private static Projection projection(Map<String, Object> index) {
        Map<String, Object> projection = map(index.get("Projection"));
        Projection.Builder p = Projection.builder().projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
        if (projection.get("NonKeyAttributes") != null) {
            p.nonKeyAttributes(((List<?>) projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList());
        }
        return p.build();
    }

    private List<KeySchemaElement> keys(Object schema) {
        return list(schema).stream()
                .map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName")).keyType(str(k, "KeyType")).build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List ? (List<Map<String, Object>>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static String str(Map<String, Object> map, String key) {
        return String.valueOf(map.get(key));
    }
}
