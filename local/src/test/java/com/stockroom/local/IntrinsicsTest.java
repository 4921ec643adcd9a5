package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {

    private static final String TEMPLATE = """
            Parameters:
              Origins:
                Type: CommaDelimitedList
                Default: "http://a.test, http://b.test,http://c.test"
              Name:
                Type: String
                Default: stockroom
            Resources: {}
            """;

    private static Template template() {
        return Template.read(new ByteArrayInputStream(TEMPLATE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_ref_to_a_comma_delimited_list_parameter_gives_its_items_as_a_list() {
        Intrinsics intrinsics = new Intrinsics(template(), Map.of());
        assertThat(intrinsics.resolve(Map.of("Ref", "Origins"))).isEqualTo(List.of("http://a.test", "http://b.test", "http://c.test"));
        assertThat(intrinsics.resolve(Map.of("AllowOrigins", Map.of("Ref", "Origins"))))
                .isEqualTo(Map.of("AllowOrigins", List.of("http://a.test", "http://b.test", "http://c.test")));
    }

    @Test
    void an_overridden_comma_delimited_list_is_split_too_and_a_string_parameter_stays_a_string() {
        Intrinsics intrinsics = new Intrinsics(template(), Map.of("Origins", "http://only.test", "Name", "a,b"));
        assertThat(intrinsics.resolve(Map.of("Ref", "Origins"))).isEqualTo(List.of("http://only.test"));
        assertThat(intrinsics.string(Map.of("Ref", "Name"))).isEqualTo("a,b");
    }

    @Test
    void a_list_parameter_is_refused_where_a_single_value_is_needed_and_joins_where_a_list_is() {
        Intrinsics intrinsics = new Intrinsics(template(), Map.of());
        assertThatThrownBy(() -> intrinsics.string(Map.of("Ref", "Origins"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> intrinsics.string(Map.of("Fn::Sub", "${Origins}"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(intrinsics.string(Map.of("Fn::Join", List.of(" ", Map.of("Ref", "Origins")))))
                .isEqualTo("http://a.test http://b.test http://c.test");
    }
}
