package com.stockroom.functions.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.stockroom.lambda.Invocations;
import com.stockroom.platform.Settings;
import com.stockroom.web.Router;
import java.util.Map;

/** The admin Inventory API: {@code /v2/inventories/...} behind the HTTP API. */
public final class InventoryApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router;

    /** Lambda's constructor: wires the function once, in the init phase. */
    public InventoryApiHandler() {
        this(System.getenv());
    }

    /** Wires the function for the given environment, as Lambda would set it. */
    public InventoryApiHandler(Map<String, String> environment) {
        this.router = DaggerInventoryApi.factory().create(new Settings(environment)).routes().router();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocations.within(context, () -> router.handle(event));
    }
}
