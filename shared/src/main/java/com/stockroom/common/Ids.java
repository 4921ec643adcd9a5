package com.stockroom.common;

import java.util.regex.Pattern;

/** The one rule for every opaque id in paths and bodies: 1-64 letters, digits, '-' or '_'. */
public final class Ids {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }
}
