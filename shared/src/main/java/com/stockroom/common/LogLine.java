package com.stockroom.common;

/**
 * One JSON object on one line, written by hand: members in the order given, strings escaped
 * (quotes, backslashes, control characters, and a lone surrogate as U+FFFD), so nothing an id or
 * a message carries can break the line or forge a member. No serializer, no reflection, no
 * formatter classes: the timestamp is computed from the epoch milliseconds.
 */
public final class LogLine {

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean empty = true;

    /** A string member; a null value is left out. */
    public LogLine string(String name, String value) {
        if (value != null) {
            name(name);
            quote(out, value);
        }
        return this;
    }

    public LogLine number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** A member whose value is JSON already, written as it is. */
    public LogLine json(String name, String value) {
        name(name);
        out.append(value);
        return this;
    }

    /** An RFC 3339 timestamp in UTC with milliseconds: {@code 2026-12-02T05:20:00.123Z}. */
    public LogLine timestamp(String name, long epochMillis) {
        name(name);
        out.append('"');
        appendTimestamp(out, epochMillis);
        out.append('"');
        return this;
    }

    /** The line, without a line break. */
    public String end() {
        return out.append('}').toString();
    }

    private void name(String name) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        quote(out, name);
        out.append(':');
    }

    /** Appends {@code value} as a JSON string. */
    public static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
            out.append('0');
        }
        out.append(hex);
    }

    /** The civil date from days since 1970-01-01 (Hinnant's algorithm), then the time of day. */
    static void appendTimestamp(StringBuilder out, long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, millisOfDay / 3_600_000, 2).append(':');
        pad(out, millisOfDay / 60_000 % 60, 2).append(':');
        pad(out, millisOfDay / 1000 % 60, 2).append('.');
        pad(out, millisOfDay % 1000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
