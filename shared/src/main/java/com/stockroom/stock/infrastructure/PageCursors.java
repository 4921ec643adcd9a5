package com.stockroom.stock.infrastructure;

import com.stockroom.stock.model.InvalidCursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque page cursors every listing hands out: where a page stopped, as base64url text, so
 * that it travels in a query string as it is. Reading one that is not base64url is an
 * {@link InvalidCursor}; what it says is the store's to check.
 */
public final class PageCursors {

    private PageCursors() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursor();
        }
    }
}
