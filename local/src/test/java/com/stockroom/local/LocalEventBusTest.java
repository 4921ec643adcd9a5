package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The local EventBridge's PutEvents as the SDK sees it, and /local/events. */
class LocalEventBusTest {

    private static String entry(String type, String productId) {
        return "{\"Source\":\"stockroom.inventory\",\"DetailType\":\"" + type + "\",\"EventBusName\":\"StockEventBus\","
                + "\"Detail\":" + Json.write("{\"id\":\"x\",\"product_id\":\"" + productId + "\"}") + "}";
    }

    private static byte[] put(String... entries) {
        return ("{\"Entries\":[" + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> body(HttpGateway.Answer answer) throws Json.Malformed {
        return map(Json.parse(new String(answer.body(), StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void put_events_answers_an_event_id_per_entry_and_keeps_them_in_order() throws Exception {
        LocalEventBus bus = new LocalEventBus();

        HttpGateway.Answer answer = bus.call(LocalEventBus.PUT_EVENTS, put(entry("stock.low", "p1"), entry("stock.out", "p1")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("Content-Type", "application/x-amz-json-1.1");
        Map<String, Object> body = body(answer);
        assertThat(body.get("FailedEntryCount")).isEqualTo(0L);
        assertThat((List<?>) body.get("Entries")).hasSize(2).allSatisfy(e -> assertThat(map(e)).containsKey("EventId"));
        assertThat(bus.events(Optional.empty(), Optional.of("p1"))).extracting(e -> e.get("detail-type")).containsExactly("stock.low", "stock.out");
        assertThat(bus.events(Optional.of("stock.out"), Optional.empty())).hasSize(1);
        assertThat(bus.events(Optional.empty(), Optional.of("p2"))).isEmpty();
    }

    @Test
    void an_entry_without_a_detail_or_with_one_that_is_not_an_object_fails_alone() throws Exception {
        LocalEventBus bus = new LocalEventBus();
        String noDetail = "{\"Source\":\"s\",\"DetailType\":\"t\"}";
        String notAnObject = "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"[1]\"}";

        Map<String, Object> body = body(bus.call(LocalEventBus.PUT_EVENTS, put(noDetail, entry("stock.low", "p1"), notAnObject)));

        assertThat(body.get("FailedEntryCount")).isEqualTo(2L);
        List<?> entries = (List<?>) body.get("Entries");
        assertThat(map(entries.get(0))).containsEntry("ErrorCode", "InvalidArgument");
        assertThat(map(entries.get(1))).containsKey("EventId");
        assertThat(map(entries.get(2))).containsEntry("ErrorCode", "InvalidArgument");
        assertThat(bus.events(Optional.empty(), Optional.empty())).hasSize(1);
    }

    @Test
    void an_entry_whose_time_is_not_epoch_seconds_fails_alone() throws Exception {
        LocalEventBus bus = new LocalEventBus();
        String textTime = "{\"Source\":\"s\",\"DetailType\":\"t\",\"Time\":\"2026-12-02T05:00:00Z\",\"Detail\":\"{}\"}";
        String numberTime = "{\"Source\":\"s\",\"DetailType\":\"t\",\"Time\":1796187600,\"Detail\":\"{}\"}";

        HttpGateway.Answer answer = bus.call(LocalEventBus.PUT_EVENTS, put(textTime, numberTime));

        assertThat(answer.status()).isEqualTo(200);
        List<?> entries = (List<?>) body(answer).get("Entries");
        assertThat(map(entries.get(0))).containsEntry("ErrorCode", "InvalidArgument");
        assertThat(map(entries.get(1))).containsKey("EventId");
        assertThat(bus.events(Optional.empty(), Optional.empty())).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("time", "2026-12-02T05:00:00Z"));
    }

    @Test
    void more_than_ten_entries_none_or_another_operation_is_a_json_1_1_error() throws Exception {
        LocalEventBus bus = new LocalEventBus();
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("stock.low", "p" + i));
        }

        HttpGateway.Answer tooMany = bus.call(LocalEventBus.PUT_EVENTS, put(eleven.toArray(String[]::new)));
        HttpGateway.Answer none = bus.call(LocalEventBus.PUT_EVENTS, put());
        HttpGateway.Answer other = bus.call("AWSEvents.ListRules", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(body(tooMany)).containsEntry("__type", "ValidationException");
        assertThat(none.status()).isEqualTo(400);
        assertThat(other.status()).isEqualTo(400);
        assertThat(body(other)).containsEntry("__type", "UnknownOperationException");
        assertThat(bus.events(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void a_refused_product_fails_as_often_as_told_then_is_taken() throws Exception {
        LocalEventBus bus = new LocalEventBus();
        bus.refuse("p1", 2);

        for (int attempt = 0; attempt < 2; attempt++) {
            Map<String, Object> refused = body(bus.call(LocalEventBus.PUT_EVENTS, put(entry("stock.low", "p1"), entry("stock.low", "p2"))));
            assertThat(refused.get("FailedEntryCount")).isEqualTo(1L);
            assertThat(map(((List<?>) refused.get("Entries")).get(0))).containsEntry("ErrorCode", "InternalFailure");
        }
        assertThat(body(bus.call(LocalEventBus.PUT_EVENTS, put(entry("stock.low", "p1")))).get("FailedEntryCount")).isEqualTo(0L);
        assertThat(bus.events(Optional.empty(), Optional.of("p1"))).hasSize(1);
        assertThat(bus.events(Optional.empty(), Optional.of("p2"))).hasSize(2);
    }

    @Test
    void only_a_post_to_the_root_naming_an_event_bridge_target_is_a_call() {
        assertThat(LocalEventBus.isCall("POST", "/", Optional.of("AWSEvents.PutEvents"))).isTrue();
        assertThat(LocalEventBus.isCall("POST", "/", Optional.of("DynamoDB_20120810.GetItem"))).isFalse();
        assertThat(LocalEventBus.isCall("POST", "/", Optional.empty())).isFalse();
        assertThat(LocalEventBus.isCall("GET", "/", Optional.of("AWSEvents.PutEvents"))).isFalse();
        assertThat(LocalEventBus.isCall("POST", "/v2/inventories", Optional.of("AWSEvents.PutEvents"))).isFalse();
    }
}
