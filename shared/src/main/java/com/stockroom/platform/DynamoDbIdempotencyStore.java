package com.stockroom.platform;

import com.stockroom.web.Idempotency;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency keys in DynamoDB, one item per caller and key, gone after {@link #KEPT} (the
 * table's TTL on {@code expires_at}; the conditions also treat an expired item as absent, since
 * TTL deletes late). A claim is one conditional put: it succeeds for a new key, an expired one, or
 * one whose earlier run of the same request died (its lock ran out); otherwise the item as it
 * stands says whether the request is done (its answer), running, or another request.
 */
final class DynamoDbIdempotencyStore implements Idempotency.Store {

    /** How long a key and its answer are kept: longer than DynamoDB's own 10-minute client tokens. */
    static final Duration KEPT = Duration.ofHours(24);

    /** How long a running request holds its key: past the functions' timeout, so a dead run's key frees itself. */
    static final Duration LOCK = Duration.ofSeconds(30);

    private static final String KEY = "key";
    private static final String FINGERPRINT = "fingerprint";
    private static final String STATE = "state";
    private static final String RUNNING = "running";
    private static final String DONE = "done";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Idempotency.Claim claim(String caller, String key, String fingerprint) {
        long now = clock.millis();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(id(caller, key)));
        item.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
        item.put(STATE, AttributeValue.fromS(RUNNING));
        item.put("locked_until", AttributeValue.fromN(Long.toString(now + LOCK.toMillis())));
        item.put("expires_at", AttributeValue.fromN(Long.toString((now + KEPT.toMillis()) / 1000)));
        return Retrying.call("claiming an idempotency key", () -> {
            try {
                dynamoDb.putItem(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#key) OR expires_at < :now_s "
                                + "OR (#state = :running AND locked_until < :now_ms AND #fingerprint = :fingerprint)")
                        .expressionAttributeNames(Map.of("#key", KEY, "#state", STATE, "#fingerprint", FINGERPRINT))
                        .expressionAttributeValues(Map.of(
                                ":now_s", AttributeValue.fromN(Long.toString(now / 1000)),
                                ":now_ms", AttributeValue.fromN(Long.toString(now)),
                                ":running", AttributeValue.fromS(RUNNING),
                                ":fingerprint", AttributeValue.fromS(fingerprint)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return new Idempotency.Claim.Claimed();
            } catch (ConditionalCheckFailedException held) {
                Map<String, AttributeValue> existing = held.hasItem() ? held.item() : Map.of();
                if (!fingerprint.equals(string(existing, FINGERPRINT))) {
                    return new Idempotency.Claim.Mismatch();
                }
                if (DONE.equals(string(existing, STATE))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    existing.getOrDefault("headers", AttributeValue.fromM(Map.of())).m().forEach((name, value) -> headers.put(name, value.s()));
                    return new Idempotency.Claim.Done(new Idempotency.StoredAnswer(
                            Integer.parseInt(existing.get("status").n()), headers, string(existing, "body")));
                }
                return new Idempotency.Claim.Running();
            }
        });
    }

    @Override
    public void complete(String caller, String key, String fingerprint, Idempotency.StoredAnswer answer) {
        Map<String, AttributeValue> headers = new HashMap<>();
        answer.headers().forEach((name, value) -> headers.put(name, AttributeValue.fromS(value)));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", AttributeValue.fromS(DONE));
        values.put(":status", AttributeValue.fromN(Integer.toString(answer.status())));
        values.put(":headers", AttributeValue.fromM(headers));
        values.put(":fingerprint", AttributeValue.fromS(fingerprint));
        String set = "SET #state = :done, #status = :status, headers = :headers";
        if (answer.body() != null) {
            values.put(":body", AttributeValue.fromS(answer.body()));
            set += ", body = :body";
        }
        String update = set;
        Retrying.run("keeping an idempotent answer", () -> {
            try {
                dynamoDb.updateItem(u -> u.tableName(table).key(Map.of(KEY, AttributeValue.fromS(id(caller, key))))
                        .updateExpression(update)
                        .conditionExpression("#fingerprint = :fingerprint")
                        .expressionAttributeNames(Map.of("#state", STATE, "#status", "status", "#fingerprint", FINGERPRINT))
                        .expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException gone) {
                // The key expired or was taken over meanwhile: the answer was given; there is nothing to keep it for.
            }
        });
    }

    @Override
    public void release(String caller, String key, String fingerprint) {
        Retrying.run("releasing an idempotency key", () -> {
            try {
                dynamoDb.deleteItem(d -> d.tableName(table).key(Map.of(KEY, AttributeValue.fromS(id(caller, key))))
                        .conditionExpression("#state = :running AND #fingerprint = :fingerprint")
                        .expressionAttributeNames(Map.of("#state", STATE, "#fingerprint", FINGERPRINT))
                        .expressionAttributeValues(Map.of(":running", AttributeValue.fromS(RUNNING),
                                ":fingerprint", AttributeValue.fromS(fingerprint))));
            } catch (ConditionalCheckFailedException notOurs) {
                // Already released, or someone else's now.
            }
        });
    }

    /** Keys are the caller's: another caller's same key is another key. */
    private static String id(String caller, String key) {
        return caller.length() + ":" + caller + ":" + key;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
