package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.stock.model.TransactionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TransactionIdsTest {

    private static final Pattern CROCKFORD_26 = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Instant AT = Instant.parse("2024-05-17T10:15:30.123Z");

    @Test
    void the_random_source_is_made_on_the_first_id_and_only_once() {
        AtomicInteger made = new AtomicInteger();
        TransactionIds ids = new TransactionIds(Clock.systemUTC(), () -> {
            made.incrementAndGet();
            return new Random(7);
        });

        assertThat(made).as("sources made before any id").hasValue(0);
        ids.next();
        ids.next();
        assertThat(made).as("sources made after two ids").hasValue(1);
    }

    @Test
    void ids_are_twenty_six_characters_of_crockford_base32() {
        TransactionIds ids = new TransactionIds(Clock.systemUTC());

        for (int i = 0; i < 1_000; i++) {
            assertThat(ids.next().value()).matches(CROCKFORD_26);
        }
    }

    @Test
    void ten_thousand_ids_in_one_millisecond_are_unique_and_strictly_increasing() {
        TransactionIds ids = new TransactionIds(Clock.fixed(AT, ZoneOffset.UTC));

        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next().value());
        }

        assertThat(new HashSet<>(made)).hasSize(10_000);
        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i)).as("id %d after id %d", i, i - 1).isGreaterThan(made.get(i - 1));
        }
        assertThat(made).allSatisfy(id -> assertThat(id.substring(0, 10)).isEqualTo(made.get(0).substring(0, 10)));
    }

    @Test
    void ids_from_a_later_millisecond_sort_after_earlier_ones() {
        MutableClock clock = new MutableClock(AT);
        TransactionIds ids = new TransactionIds(clock);

        List<String> made = new ArrayList<>();
        for (int ms = 0; ms < 50; ms++) {
            for (int i = 0; i < 20; i++) {
                made.add(ids.next().value());
            }
            clock.advanceMillis(1);
        }

        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i)).isGreaterThan(made.get(i - 1));
        }
    }

    @Test
    void a_later_millisecond_sorts_after_even_when_its_random_part_is_smaller() {
        MutableClock clock = new MutableClock(AT);
        // the first millisecond draws the largest random part, the next the smallest
        TransactionIds ids = new TransactionIds(clock, new ScriptedRandom(new int[] {0xFFFF, 0}, new long[] {-1L, 0L}));

        String earlier = ids.next().value();
        clock.advanceMillis(1);
        String later = ids.next().value();

        assertThat(earlier.substring(10)).isEqualTo("ZZZZZZZZZZZZZZZZ");
        assertThat(later.substring(10)).isEqualTo("0000000000000000");
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void the_first_ten_characters_encode_the_millisecond() {
        TransactionIds ids = new TransactionIds(Clock.fixed(AT, ZoneOffset.UTC));

        assertThat(decode(ids.next().value().substring(0, 10))).isEqualTo(AT.toEpochMilli());
    }

    @Test
    void ids_from_clocks_one_millisecond_apart_differ_in_the_first_ten_characters_and_the_later_is_greater() {
        String earlier = new TransactionIds(Clock.fixed(AT, ZoneOffset.UTC)).next().value();
        String later = new TransactionIds(Clock.fixed(AT.plusMillis(1), ZoneOffset.UTC)).next().value();

        assertThat(later.substring(0, 10)).isNotEqualTo(earlier.substring(0, 10));
        assertThat(later.substring(0, 10)).isGreaterThan(earlier.substring(0, 10));
        assertThat(later).isGreaterThan(earlier);
        assertThat(decode(later.substring(0, 10)) - decode(earlier.substring(0, 10))).isEqualTo(1);
    }

    @Test
    void the_random_part_counts_up_by_one_within_a_millisecond() {
        TransactionIds ids = new TransactionIds(Clock.fixed(AT, ZoneOffset.UTC),
                new ScriptedRandom(new int[] {0}, new long[] {41L}));

        assertThat(ids.next().value().substring(10)).isEqualTo("000000000000001" + ALPHABET.charAt(9));
        assertThat(ids.next().value().substring(10)).isEqualTo("000000000000001" + ALPHABET.charAt(10));
    }

    @Test
    void the_random_part_carries_from_its_lower_sixty_four_bits_into_its_upper_sixteen() {
        TransactionIds ids = new TransactionIds(Clock.fixed(AT, ZoneOffset.UTC),
                new ScriptedRandom(new int[] {0}, new long[] {-1L}));

        TransactionId first = ids.next();
        TransactionId second = ids.next();

        // 2^64 - 1, then 2^64: twelve characters hold 60 bits, the 13th from the right holds bits 60-64
        assertThat(first.value().substring(10)).isEqualTo("000" + "F" + "ZZZZZZZZZZZZ");
        assertThat(second.value().substring(10)).isEqualTo("000" + "G" + "000000000000");
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void running_out_of_random_part_borrows_the_next_millisecond() {
        TransactionIds ids = new TransactionIds(Clock.fixed(AT, ZoneOffset.UTC),
                new ScriptedRandom(new int[] {0xFFFF}, new long[] {-1L}));

        TransactionId last = ids.next();
        TransactionId borrowed = ids.next();

        assertThat(last.value().substring(10)).isEqualTo("ZZZZZZZZZZZZZZZZ");
        assertThat(decode(borrowed.value().substring(0, 10))).isEqualTo(AT.toEpochMilli() + 1);
        assertThat(borrowed).isGreaterThan(last);
    }

    @Test
    void a_clock_that_steps_back_does_not_make_ids_go_back() {
        MutableClock clock = new MutableClock(AT);
        TransactionIds ids = new TransactionIds(clock);

        TransactionId before = ids.next();
        clock.advanceMillis(-5);
        TransactionId after = ids.next();

        assertThat(after).isGreaterThan(before);
    }

    private static long decode(String base32) {
        long value = 0;
        for (char c : base32.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            assertThat(digit).as("character %s", c).isNotNegative();
            value = value * 32 + digit;
        }
        return value;
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advanceMillis(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A Random that hands out scripted values for the two draws the generator makes. */
    private static final class ScriptedRandom extends Random {
        private final int[] ints;
        private final long[] longs;
        private int nextInt;
        private int nextLong;

        ScriptedRandom(int[] ints, long[] longs) {
            this.ints = ints;
            this.longs = longs;
        }

        @Override
        public int nextInt(int bound) {
            return ints[nextInt++ % ints.length];
        }

        @Override
        public long nextLong() {
            return longs[nextLong++ % longs.length];
        }
    }
}
