package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockroom.common.Actor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static final Actor ADMIN = new Actor("admin-1", Optional.of("back-office"));

    @Test
    void a_reason_is_up_to_256_characters_and_a_reference_up_to_128() {
        assertThat(Attribution.isValidText("r".repeat(Attribution.MAX_REASON), Attribution.MAX_REASON)).isTrue();
        assertThat(Attribution.isValidText("r".repeat(Attribution.MAX_REASON + 1), Attribution.MAX_REASON)).isFalse();
        assertThat(Attribution.isValidText("PO-" + "1".repeat(125), Attribution.MAX_REFERENCE)).isTrue();
        assertThat(Attribution.isValidText("PO-" + "1".repeat(126), Attribution.MAX_REFERENCE)).isFalse();
    }

    @Test
    void characters_are_counted_as_characters_not_utf16_units() {
        String emoji = "\uD83D\uDCE6";
        assertThat(Attribution.isValidText(emoji.repeat(Attribution.MAX_REFERENCE), Attribution.MAX_REFERENCE)).isTrue();
        assertThat(Attribution.isValidText(emoji.repeat(Attribution.MAX_REFERENCE + 1), Attribution.MAX_REFERENCE)).isFalse();
    }

    @Test
    void empty_text_and_control_characters_are_refused() {
        assertThat(Attribution.isValidText("", Attribution.MAX_REASON)).isFalse();
        assertThat(Attribution.isValidText(null, Attribution.MAX_REASON)).isFalse();
        assertThat(Attribution.isValidText("damaged\nin transit", Attribution.MAX_REASON)).isFalse();
        assertThat(Attribution.isValidText("nul\u0000", Attribution.MAX_REASON)).isFalse();
        assertThat(Attribution.isValidText("Beschädigt beim Transport", Attribution.MAX_REASON)).isTrue();
    }

    @Test
    void an_attribution_with_invalid_text_cannot_be_made() {
        assertThatThrownBy(() -> new Attribution(ADMIN, Optional.of("a\tb"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attribution(ADMIN, Optional.empty(), Optional.of("x".repeat(129))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void because_keeps_the_actor_and_reference_and_sets_the_reason() {
        Attribution attribution = new Attribution(ADMIN, Optional.empty(), Optional.of("PO-9")).because("recount");

        assertThat(attribution).isEqualTo(new Attribution(ADMIN, Optional.of("recount"), Optional.of("PO-9")));
    }
}
