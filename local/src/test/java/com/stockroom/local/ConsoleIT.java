package com.stockroom.local;

import static com.stockroom.local.Api.levels;
import static com.stockroom.local.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stock console at /console, as a merchant uses it: in headless Chromium (Debian's package),
 * driven by playwright-core from npm through {@code src/test/console/console-check.mjs}. The page
 * shows a product made through the API, moves stock through its form, and shows the new numbers
 * and a drawn chart; the stock really moved.
 */
@ExtendWith(Stack.class)
class ConsoleIT {

    private static final Pattern REFERENCES = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Path CHECK = Path.of("src/test/console/console-check.mjs");

    @Test
    void the_page_references_only_the_stacks_own_assets_and_each_is_served() {
        Api.Response page = Api.withoutToken().get("/console");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.raw()).doesNotContain("http://").doesNotContain("https://");
        List<String> assets = new ArrayList<>();
        Matcher matcher = REFERENCES.matcher(page.raw());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).containsExactlyInAnyOrder("/console/assets/uPlot.min.css", "/console/assets/console.css",
                "/console/assets/uPlot.iife.min.js", "/console/assets/console.js");
        for (String asset : assets) {
            Api.Response served = Api.withoutToken().get(asset);
            assertThat(served.status()).as(asset).isEqualTo(200);
            assertThat(served.header("Content-Type")).as(asset)
                    .hasValue(asset.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
            assertThat(served.raw()).as(asset).isNotEmpty().doesNotContain("//cdn").doesNotContain("unpkg.com").doesNotContain("jsdelivr");
        }
        Api.Response refused = Api.withoutToken().post("/console", "{}");
        assertThat(refused.status()).isEqualTo(405);
    }

    @Test
    void a_product_made_through_the_api_shows_and_moving_its_stock_through_the_form_updates_the_numbers_and_the_chart()
            throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("STOCKROOM_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("the console test needs headless Chromium at " + chromium + ": install Debian's package with "
                    + "'apt-get install -y chromium' (.ci/run does), or point STOCKROOM_CHROMIUM at one");
        }
        if (!Files.isDirectory(Path.of("node_modules/playwright-core"))) {
            fail("the console test needs playwright-core in local/node_modules: 'npm ci' in local/ installs it (the build runs it)");
        }
        // Some stock and an order awaiting payment besides, so the page (and its screenshot) shows a working shop.
        String product = stock(7);
        String other = stock(40);
        Api.move(other, "decrement", 3);
        Shop.pay(Shop.order(other, 2), "tok_silent");
        Path screenshot = Path.of(System.getProperty("stockroom.console.screenshot", "target/console.png")).toAbsolutePath();
        Files.createDirectories(screenshot.getParent());

        Path log = Path.of("target/console-check.log").toAbsolutePath();
        Process node = new ProcessBuilder("node", CHECK.toString(), Stack.get().apiEndpoint().toString(), product, "7", "5",
                screenshot.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
            fail("the console check did not finish within 120 s: " + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("ok the stock list shows " + product)
                .contains("ok after the move the product panel shows a total of 12")
                .contains("ok the chart canvas is drawn on")
                .contains("console ok")
                .doesNotContain("FAILED");
        assertThat(levels(product)).as("the form moved the stock itself").containsExactly(12, 12, 0);
        assertThat(Files.size(screenshot)).isPositive();
    }
}
