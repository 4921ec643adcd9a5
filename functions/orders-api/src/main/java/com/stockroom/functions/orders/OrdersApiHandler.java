package com.stockroom.functions.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.stockroom.lambda.Invocations;
import com.stockroom.platform.Settings;
import com.stockroom.web.Router;
import java.util.Map;

/** Orders: reading, paying, shipping and cancelling, {@code /v2/orders/...} behind the HTTP API. */
public final class OrdersApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router;

    public OrdersApiHandler() {
        this(System.getenv());
    }

    public OrdersApiHandler(Map<String, String> environment) {
        this.router = DaggerOrdersApi.factory().create(new Settings(environment)).routes().router();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocations.within(context, () -> router.handle(event));
    }
}
