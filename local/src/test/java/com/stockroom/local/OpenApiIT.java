package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local stack serves the API's document at /openapi.json and a page to read it at /docs,
 * without a token, and the page loads only what the stack itself serves.
 */
@ExtendWith(Stack.class)
class OpenApiIT {

    private static final Pattern REFERENCES = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"");

    @Test
    void theDocumentIsTheProjectsOpenapiJsonWithoutAToken() throws Exception {
        Api.Response document = Api.withoutToken().get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type")).hasValue("application/json");
        assertThat(document.raw()).isEqualTo(Files.readString(OpenApiDocument.file()));
    }

    @Test
    void theDocsPageReferencesOnlyTheStacksOwnAssetsAndEachIsServed() {
        Api.Response page = Api.withoutToken().get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.raw()).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        List<String> assets = new ArrayList<>();
        Matcher matcher = REFERENCES.matcher(page.raw());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).containsExactlyInAnyOrder("/docs/assets/swagger-ui.css", "/docs/assets/swagger-ui-bundle.js", "/docs/assets/docs.js");
        for (String asset : assets) {
            assertThat(asset).as("a path on this stack").startsWith("/").doesNotStartWith("//");
            Api.Response served = Api.withoutToken().get(asset);
            assertThat(served.status()).as(asset).isEqualTo(200);
            assertThat(served.header("Content-Type")).as(asset)
                    .hasValue(asset.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
            assertThat(served.raw()).as(asset).isNotEmpty();
        }
    }

    @Test
    void theViewerLoadsNothingFromAnotherHost() {
        String init = Api.withoutToken().get("/docs/assets/docs.js").raw();
        assertThat(init).contains("url: \"/openapi.json\"").contains("validatorUrl: null").doesNotContain("http://").doesNotContain("https://");
        // The stylesheet's url()s are inline data (SVG icons), never another host; no @import.
        String css = Api.withoutToken().get("/docs/assets/swagger-ui.css").raw();
        assertThat(css).doesNotContainPattern("url\\(\\s*['\"]?(https?:)?//").doesNotContain("@import");
        // The script carries URL strings (XML namespaces, links to specs) but loads nothing from a CDN.
        String bundle = Api.withoutToken().get("/docs/assets/swagger-ui-bundle.js").raw();
        assertThat(bundle).doesNotContain("unpkg.com").doesNotContain("jsdelivr").doesNotContain("cdnjs");
    }

    @Test
    void theDocsRoutesTakeGetOnly() {
        Api.Response refused = Api.withoutToken().post("/openapi.json", "{}");
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.firstError().get("status")).isEqualTo(405L);
    }
}
