package com.stockroom.stock.model;

import com.stockroom.common.Actor;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made a stock change, why, and for what: the acting subject and client, an optional
 * free-text reason and an optional external reference (a purchase order, a stock count). The
 * historic log keeps all of it with the change.
 */
public record Attribution(Actor actor, Optional<String> reason, Optional<String> reference) {

    public static final int MAX_REASON = 256;
    public static final int MAX_REFERENCE = 128;

    public Attribution {
        Objects.requireNonNull(actor, "actor");
        if (reason.isPresent() && !isValidText(reason.get(), MAX_REASON)) {
            throw new IllegalArgumentException("a reason is 1 to " + MAX_REASON + " characters, none of them control characters");
        }
        if (reference.isPresent() && !isValidText(reference.get(), MAX_REFERENCE)) {
            throw new IllegalArgumentException("a reference is 1 to " + MAX_REFERENCE + " characters, none of them control characters");
        }
    }

    public static Attribution by(Actor actor) {
        return new Attribution(actor, Optional.empty(), Optional.empty());
    }

    public Attribution because(String why) {
        return new Attribution(actor, Optional.of(why), reference);
    }

    /** 1 to {@code max} characters (code points), none of them a control character. */
    public static boolean isValidText(String text, int max) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int count = text.codePointCount(0, text.length());
        return count <= max && text.codePoints().noneMatch(Character::isISOControl);
    }
}
