package com.stockroom.order.infrastructure;

import static com.stockroom.order.infrastructure.OrderItems.CART_REF;
import static com.stockroom.order.infrastructure.OrderItems.VERSION;

import com.stockroom.order.model.Cart;
import com.stockroom.order.model.CartRef;
import com.stockroom.order.model.Carts;
import com.stockroom.order.model.OrderLine;
import com.stockroom.platform.DependencyFailures;
import com.stockroom.platform.Retrying;
import com.stockroom.stock.infrastructure.StockMoves;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Carts in DynamoDB, one item per cart. A change that adds stock to a cart is written in one
 * transaction with a check that the product has that much available; every write is
 * conditional on the cart's version and owner (a new cart's, on there being no cart of that
 * reference), so a cart can never change hands.
 */
final class DynamoDbCarts implements Carts {

    private final DynamoDbClient dynamoDb;
    private final OrderTables tables;
    private final Clock clock;

    @Inject
    DynamoDbCarts(DynamoDbClient dynamoDb, OrderTables tables, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public Optional<Cart> find(CartRef ref) {
        Map<String, AttributeValue> item = Retrying.call("reading a cart", () -> dynamoDb.getItem(g -> g.tableName(tables.carts())
                .key(OrderItems.cartKey(ref)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.cart(item));
    }

    @Override
    public SaveOutcome save(Cart changed, Optional<OrderLine> check) {
        long previous = changed.version() - 1;
        Put.Builder put = Put.builder().tableName(tables.carts()).item(OrderItems.cartItem(changed, clock.instant()));
        if (previous == 0) {
            put.conditionExpression("attribute_not_exists(#ref)").expressionAttributeNames(Map.of("#ref", CART_REF));
        } else {
            put.conditionExpression(OrderItems.OWNED_AT_VERSION).expressionAttributeNames(OrderItems.OWNED_AT_VERSION_NAMES)
                    .expressionAttributeValues(OrderItems.ownedAtVersion(changed.owner(), previous));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        check.ifPresent(line -> items.add(TransactWriteItem.builder()
                .conditionCheck(StockMoves.availableAtLeast(tables.stock(), line.productId(), line.quantity())).build()));
        items.add(TransactWriteItem.builder().put(put.build()).build());
        int cartWrite = items.size() - 1;
        // One token for every attempt of this write: a retry of one that landed unseen is a no-op.
        String token = UUID.randomUUID().toString();
        return Retrying.call("writing a cart", () -> {
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(items).clientRequestToken(token));
                return new SaveOutcome.Saved(changed);
            } catch (IdempotentParameterMismatchException reused) {
                return new SaveOutcome.ChangedMeanwhile();
            } catch (TransactionCanceledException cancelled) {
                // The cart's own condition first, then the stock check, then transient reasons (retried).
                List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
                if (DependencyFailures.conditionFailed(reasons, cartWrite)) {
                    return new SaveOutcome.ChangedMeanwhile();
                }
                if (check.isPresent() && !reasons.isEmpty()) {
                    Optional<StockMoves.Refusal> refusal = StockMoves.refusal(reasons.get(0), Optional.empty());
                    if (refusal.isPresent()) {
                        return refusal.get() == StockMoves.Refusal.NO_SUCH_STOCK ? new SaveOutcome.NoSuchStock() : new SaveOutcome.StockShort();
                    }
                }
                throw cancelled;
            }
        });
    }
}
