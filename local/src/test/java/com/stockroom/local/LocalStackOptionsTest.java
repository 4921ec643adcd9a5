package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the environment settles about the local stack's tokens. */
class LocalStackOptionsTest {

    private static final String TEMPLATE = System.getProperty("stockroom.template", "../template.yaml");

    @Test
    void jwt_audience_overrides_the_templates_default_audience_and_the_clients_come_from_the_environment() throws Exception {
        LocalStack.Options options = LocalStack.Options.fromEnvironment(Map.of("STOCKROOM_TEMPLATE", TEMPLATE,
                "JWT_AUDIENCE", " storefront-api ", "STOCKROOM_ADMIN_CLIENT_ID", "ops", "STOCKROOM_STOREFRONT_CLIENT_ID", "shop"));
        assertThat(options.parameters()).containsEntry("JwtAudience", "storefront-api");
        assertThat(options.clients().adminId()).isEqualTo("ops");
        assertThat(options.clients().adminSecret()).isEqualTo(IssuerEndpoints.Clients.DEFAULTS.adminSecret());
        assertThat(options.clients().storefrontId()).isEqualTo("shop");
        assertThat(audience(options)).isEqualTo("storefront-api");
    }

    @Test
    void without_jwt_audience_the_templates_default_audience_applies_and_the_default_clients() throws Exception {
        LocalStack.Options options = LocalStack.Options.fromEnvironment(Map.of("STOCKROOM_TEMPLATE", TEMPLATE));
        assertThat(options.parameters()).doesNotContainKey("JwtAudience");
        assertThat(options.clients()).isEqualTo(IssuerEndpoints.Clients.DEFAULTS);
        assertThat(audience(options)).isEqualTo("stockroom");
    }

    /** The audience the stack's authorizer and issuer would use, resolved as the stack resolves it. */
    private static String audience(LocalStack.Options options) {
        Map<String, String> parameters = new HashMap<>(options.parameters());
        parameters.put(LocalStack.JWT_ISSUER_PARAMETER, "http://127.0.0.1:3000");
        return HttpApis.read(options.template(), new Intrinsics(options.template(), parameters)).audience().orElseThrow();
    }
}
