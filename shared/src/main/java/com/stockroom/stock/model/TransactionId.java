package com.stockroom.stock.model;

import java.util.regex.Pattern;

/**
 * A time-ordered transaction id: 26 characters of Crockford base32 (a ULID), whose string order
 * is the order the transactions were made in.
 */
public record TransactionId(String value) implements Comparable<TransactionId> {

    private static final Pattern VALID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    public TransactionId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid transaction id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public int compareTo(TransactionId other) {
        return value.compareTo(other.value);
    }

    // equals and hashCode written out: a record's own are linked at their first call through
    // ObjectMethods, which generates method handle classes that no class archive holds (about
    // 10 ms of the stream consumer's cold start, which compares transaction ids).
    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
