package com.stockroom.functions.inventory;

import com.stockroom.stock.api.StockDocuments;
import com.stockroom.web.HttpResponse;
import com.stockroom.stock.application.AuditingStock;
import com.stockroom.stock.application.CreateStock;
import com.stockroom.stock.application.CreatingStock;
import com.stockroom.stock.application.DeleteStock;
import com.stockroom.stock.application.DeletingStock;
import com.stockroom.stock.application.MoveStock;
import com.stockroom.stock.application.MovingStock;
import com.stockroom.stock.application.ReadingStock;
import com.stockroom.stock.application.ReadingStockHistory;
import com.stockroom.stock.application.SettingLowStockThreshold;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.LowStockThreshold;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.TransactionId;
import com.stockroom.web.ApiError;
import com.stockroom.web.HttpRequest;
import com.stockroom.web.Idempotency;
import com.stockroom.web.JsonApi;
import com.stockroom.web.JsonObject;
import com.stockroom.web.Paging;
import com.stockroom.web.Router;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The Inventory contract: each route parses its request, calls one use case and maps the outcome. */
final class InventoryRoutes {

    static final int MAX_MULTIPLE = 100;

    private final CreatingStock creating;
    private final MovingStock moving;
    private final DeletingStock deleting;
    private final ReadingStock reading;
    private final ReadingStockHistory history;
    private final AuditingStock auditing;
    private final SettingLowStockThreshold thresholds;
    private final Idempotency idempotency;

    @Inject
    InventoryRoutes(CreatingStock creating, MovingStock moving, DeletingStock deleting, ReadingStock reading,
                    ReadingStockHistory history, AuditingStock auditing, SettingLowStockThreshold thresholds, Idempotency idempotency) {
        this.creating = creating;
        this.moving = moving;
        this.deleting = deleting;
        this.reading = reading;
        this.history = history;
        this.auditing = auditing;
        this.thresholds = thresholds;
        this.idempotency = idempotency;
    }

    Router router() {
        return new Router(idempotency)
                .route("POST /v2/inventories/{product_id}", this::create)
                .route("GET /v2/inventories/{product_id}", this::get)
                .route("PUT /v2/inventories/{product_id}", this::update)
                .route("GET /v2/inventories", this::list)
                .route("POST /v2/inventories/multiple", this::multiple)
                .route("DELETE /v2/inventories/{product_id}", this::delete)
                .route("POST /v2/inventories/{product_id}/transactions", this::move)
                .route("GET /v2/inventories/{product_id}/transactions", this::transactions)
                .route("GET /v2/inventories/{product_id}/transactions/{transaction_id}", this::transaction)
                .route("GET /v2/inventories/{product_id}/audit", this::audit);
    }

    private HttpResponse create(HttpRequest request) {
        ProductId productId = productId(request);
        JsonObject data = request.data();
        expectType(data, "stock", false);
        CreateOutcome outcome = creating.create(new CreateStock(productId, quantity(data), lowStockThreshold(data), attribution(request, data)));
        if (outcome instanceof CreateOutcome.StockCreated created) {
            return JsonApi.data(201, StockDocuments.stock(created.stock()));
        }
        throw ApiError.conflict("stock already exists for this product; move it with a stock transaction");
    }

    /** Changes what may change of stock without moving it: its {@code low_stock_threshold} (null clears it). */
    private HttpResponse update(HttpRequest request) {
        ProductId productId = productId(request);
        JsonObject data = request.data();
        expectType(data, "stock", false);
        if (!data.has(LOW_STOCK_THRESHOLD)) {
            throw ApiError.badRequest("data." + LOW_STOCK_THRESHOLD + " is required (null clears it)");
        }
        return thresholds.set(productId, lowStockThreshold(data))
                .map(stock -> JsonApi.data(200, StockDocuments.stock(stock)))
                .orElseThrow(InventoryRoutes::noStock);
    }

    private HttpResponse get(HttpRequest request) {
        ProductId productId = productId(request);
        return reading.one(productId)
                .map(stock -> JsonApi.data(200, StockDocuments.stock(stock)))
                .orElseThrow(InventoryRoutes::noStock);
    }

    private HttpResponse list(HttpRequest request) {
        PageRequest page = Paging.request(request);
        return JsonApi.respond(200, Paging.document(
                Paging.read(() -> reading.page(page)), StockDocuments::stock, "/v2/inventories", "", page.limit()));
    }

    private HttpResponse multiple(HttpRequest request) {
        List<JsonObject> wanted = request.document().objects("data");
        if (wanted.isEmpty() || wanted.size() > MAX_MULTIPLE) {
            throw ApiError.badRequest("data must list from 1 to " + MAX_MULTIPLE + " products");
        }
        LinkedHashSet<ProductId> ids = new LinkedHashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            String id = wanted.get(i).string("id");
            if (!ProductId.isValid(id)) {
                throw ApiError.badRequest("data[" + i + "].id must be 1 to 64 letters, digits, '-' or '_'");
            }
            ids.add(new ProductId(id));
        }
        return JsonApi.respond(200, StockDocuments.list(reading.several(List.copyOf(ids))));
    }

    private HttpResponse delete(HttpRequest request) {
        DeleteOutcome outcome = deleting.delete(new DeleteStock(productId(request), Attribution.by(request.caller().actor())));
        if (outcome instanceof DeleteOutcome.StockDeleted) {
            return JsonApi.noContent();
        }
        if (outcome instanceof DeleteOutcome.StockStillAllocated) {
            throw ApiError.conflict("stock cannot be deleted while any of it is allocated (to orders or by hand); nothing changed");
        }
        throw noStock();
    }

    private HttpResponse move(HttpRequest request) {
        ProductId productId = productId(request);
        JsonObject data = request.data();
        expectType(data, "stock-transaction", true);
        String actionName = data.string("action");
        StockAction action = StockAction.fromWireName(actionName).orElseThrow(() ->
                ApiError.badRequest("data.action must be one of increment, decrement, allocate, deallocate"));
        MoveOutcome outcome = moving.move(MoveStock.of(productId, action, quantity(data), attribution(request, data)));
        if (outcome instanceof MoveOutcome.StockMoved moved) {
            return JsonApi.data(200, StockDocuments.transaction(moved.transaction()));
        }
        if (outcome instanceof MoveOutcome.MoveRefused) {
            throw ApiError.unprocessable("this " + action.wireName()
                    + " would take stock below zero, past its largest total, or (a deallocate) release stock that orders hold;"
                    + " nothing changed");
        }
        throw noStock();
    }

    private HttpResponse transactions(HttpRequest request) {
        ProductId productId = productId(request);
        PageRequest page = Paging.request(request);
        Optional<Page<HistoryEntry>> entries = Paging.read(() -> history.page(productId, page));
        return entries
                .map(found -> JsonApi.respond(200, Paging.document(found, StockDocuments::historyEntry,
                        "/v2/inventories/" + productId.value() + "/transactions", "", page.limit())))
                .orElseThrow(InventoryRoutes::noStock);
    }

    private HttpResponse transaction(HttpRequest request) {
        ProductId productId = productId(request);
        String id = request.id("transaction_id");
        Optional<HistoryEntry> entry = TransactionId.isValid(id)
                ? history.one(productId, new TransactionId(id))
                : Optional.empty();
        return entry
                .map(found -> JsonApi.data(200, StockDocuments.historyEntry(found)))
                .orElseThrow(() -> ApiError.notFound("there is no such transaction for this product"));
    }

    private HttpResponse audit(HttpRequest request) {
        ProductId productId = productId(request);
        return auditing.audit(productId)
                .map(audit -> JsonApi.data(200, StockDocuments.audit(audit)))
                .orElseThrow(() -> ApiError.notFound("there is neither stock nor history for this product"));
    }

    private static ProductId productId(HttpRequest request) {
        return new ProductId(request.id("product_id"));
    }

    static final String LOW_STOCK_THRESHOLD = "low_stock_threshold";

    /** The optional {@code low_stock_threshold}: absent or null for none, else a whole number from 0 to 1,000,000,000. */
    private static Optional<LowStockThreshold> lowStockThreshold(JsonObject data) {
        if (!data.has(LOW_STOCK_THRESHOLD) || data.isNull(LOW_STOCK_THRESHOLD)) {
            return Optional.empty();
        }
        return Optional.of(new LowStockThreshold(data.wholeNumber(LOW_STOCK_THRESHOLD, LowStockThreshold.MIN, LowStockThreshold.MAX)));
    }

    private static Quantity quantity(JsonObject data) {
        return Quantity.of(data.wholeNumber("quantity", Quantity.MIN, Quantity.MAX));
    }

    /** Who asks (the verified caller), and the optional {@code reason} and {@code reference} the log keeps with the change. */
    private static Attribution attribution(HttpRequest request, JsonObject data) {
        return new Attribution(request.caller().actor(),
                text(data, "reason", Attribution.MAX_REASON),
                text(data, "reference", Attribution.MAX_REFERENCE));
    }

    private static Optional<String> text(JsonObject data, String name, int max) {
        Optional<String> value = data.optionalString(name);
        if (value.isPresent() && !Attribution.isValidText(value.get(), max)) {
            throw ApiError.badRequest("data." + name + " must be 1 to " + max + " characters, none of them control characters");
        }
        return value;
    }

    private static void expectType(JsonObject data, String type, boolean required) {
        Optional<String> given = data.optionalString("type");
        if (required && given.isEmpty() || given.isPresent() && !given.get().equals(type)) {
            throw ApiError.badRequest("data.type must be \"" + type + "\"");
        }
    }

    private static ApiError noStock() {
        return ApiError.notFound("there is no stock for this product");
    }
}
