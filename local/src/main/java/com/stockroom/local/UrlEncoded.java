package com.stockroom.local;

import com.stockroom.web.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Percent-encoded text: {@code application/x-www-form-urlencoded} as query strings and form
 * bodies carry it, and path segments. Decoding is strict: every {@code %} starts two hex
 * digits, and the bytes they make are UTF-8; anything else is an {@link IllegalArgumentException}
 * rather than a guess or a replacement character.
 */
final class UrlEncoded {

    private UrlEncoded() {
    }

    /**
     * The decoded name-value pairs in order, repeats kept; a name without {@code =} has the value
     * "". A malformed percent-escape is an {@link IllegalArgumentException}.
     */
    static List<Map.Entry<String, String>> pairs(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
        return pairs;
    }

    /** A path, or one segment of it, decoded: {@code +} stays a plus sign there. */
    static String decodePath(String raw) {
        return decode(raw, false);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%') {
                int high = i + 2 < in.length ? hex(in[i + 1]) : -1;
                int low = i + 2 < in.length ? hex(in[i + 2]) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("a '%' is not followed by two hexadecimal digits");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(plusIsSpace && b == '+' ? ' ' : b);
            }
        }
        return Utf8.decode(out.toByteArray()).orElseThrow(() -> new IllegalArgumentException("the percent-escapes do not make UTF-8"));
    }

    private static int hex(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }
}
