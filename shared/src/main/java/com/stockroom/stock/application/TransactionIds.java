package com.stockroom.stock.application;

import com.stockroom.stock.model.TransactionId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Hands out ULIDs: 48 bits of milliseconds then 80 random bits, in Crockford base32. Within one
 * millisecond the random part counts up, so ids from one process sort in the order they were made.
 *
 * <p>The {@code SecureRandom} is made on the first id, not at init: a function that only reads
 * never pays for it, and under SnapStart it is made after the restore, in each environment.
 */
public final class TransactionIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final Supplier<Random> source;
    private Random random;
    private long lastMillis = -1;
    private long high;   // upper 16 of the 80 random bits
    private long low;    // lower 64 of the 80 random bits

    public TransactionIds(Clock clock) {
        this(clock, SecureRandom::new);
    }

    TransactionIds(Clock clock, Random random) {
        this(clock, () -> random);
    }

    TransactionIds(Clock clock, Supplier<Random> source) {
        this.clock = clock;
        this.source = source;
    }

    public synchronized TransactionId next() {
        if (random == null) {
            random = source.get();
        }
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            high = random.nextInt(1 << 16);
            low = random.nextLong();
        } else if (++low == 0 && ++high == 1 << 16) {
            // 2^80 ids in one millisecond: borrow the next one.
            lastMillis++;
            high = 0;
        }
        return new TransactionId(encode(lastMillis, high, low));
    }

    private static String encode(long millis, long high, long low) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits = 16 characters; walk them from the least significant end.
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }
}
