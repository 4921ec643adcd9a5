package com.stockroom.functions.carts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.stockroom.lambda.Invocations;
import com.stockroom.platform.Settings;
import com.stockroom.web.Router;
import java.util.Map;

/** The storefront's carts and checkout: {@code /v2/carts/...} behind the HTTP API. */
public final class CartsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router;

    public CartsApiHandler() {
        this(System.getenv());
    }

    public CartsApiHandler(Map<String, String> environment) {
        this.router = DaggerCartsApi.factory().create(new Settings(environment)).routes().router();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocations.within(context, () -> router.handle(event));
    }
}
