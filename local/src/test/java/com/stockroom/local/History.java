package com.stockroom.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading a product's historic log, which the stream fills within moments of each change. */
final class History {

    private History() {
    }

    /** Every entry, newest first, following links.next to the end. */
    static List<Map<String, Object>> all(String productId) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String next = "/v2/inventories/" + productId + "/transactions?page[limit]=100";
        while (next != null) {
            Api.Response page = Api.get(next.replace("[", "%5B").replace("]", "%5D"));
            if (page.status() != 200) {
                throw new AssertionError("history of " + productId + ": " + page);
            }
            entries.addAll(page.dataList());
            next = (String) page.links().get("next");
        }
        return entries;
    }

    /** Waits until the log holds at least {@code count} entries, then waits a little more for strays. */
    static List<Map<String, Object>> await(String productId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<Map<String, Object>> entries = all(productId);
            if (entries.size() >= count) {
                sleep(600);
                return all(productId);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("history of " + productId + " has " + entries.size() + " entries, expected " + count + ": " + entries);
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
