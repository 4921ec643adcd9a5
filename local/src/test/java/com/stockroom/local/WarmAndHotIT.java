package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The warm-overhead and hot-SKU measurements run, with small counts: each gives its rows and its
 * target lines. Their ratios depend on the machine and are not asserted; the hot SKU's outcome is
 * an invariant and is: exactly as many payments win as there are units, and all of it ends allocated.
 * {@code -Dwarm.warmup}, {@code -Dwarm.iterations} and {@code -Dhot.rounds} give larger counts.
 */
@ExtendWith(Stack.class)
class WarmAndHotIT {

    @Test
    void warm_overhead_gives_each_operation_its_figures_and_the_targets() throws Exception {
        WarmOverhead.Result result = WarmOverhead.measure(Stack.get(),
                Integer.getInteger("warm.warmup", 20), Integer.getInteger("warm.iterations", 30));
        String table = result.table();
        System.out.println(table);

        assertThat(result.rows()).extracting(WarmOverhead.Row::operation)
                .containsExactly("GET stock", "add to cart", "checkout", "pay", "ship");
        assertThat(result.rows()).allSatisfy(row -> {
            assertThat(row.rawP50()).isPositive();
            assertThat(row.rawP99()).isGreaterThanOrEqualTo(row.rawP50());
            assertThat(row.handlerP50()).isPositive();
            assertThat(row.handlerP99()).isGreaterThanOrEqualTo(row.handlerP50());
            assertThat(row.gatewayP50()).isPositive();
            assertThat(row.gatewayP99()).isGreaterThanOrEqualTo(row.gatewayP50());
            assertThat(row.handlerCalls()).isNotEqualTo("none");
            assertThat(table).contains("| " + row.operation() + " |");
        });
        assertThat(table.lines().filter(line -> line.startsWith("MET      ") || line.startsWith("NOT MET  ")))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("handler p50"))
                .anySatisfy(line -> assertThat(line).contains("gateway p50"));
    }

    @Test
    void on_a_hot_sku_exactly_the_units_in_stock_are_paid_for() throws Exception {
        HotSku.Result result = HotSku.measure(Stack.get(), 0, Integer.getInteger("hot.rounds", 1));
        String table = result.table();
        System.out.println(table);

        assertThat(result.rounds()).isNotEmpty().allSatisfy(round -> {
            assertThat(round.won()).as("payments won").isEqualTo(HotSku.UNITS);
            assertThat(round.available()).as("available after").isZero();
            assertThat(round.allocated()).as("allocated after").isEqualTo(HotSku.UNITS);
            assertThat(round.total()).as("total after").isEqualTo(HotSku.UNITS);
            assertThat(round.rawWon()).as("raw updates that won").isEqualTo(HotSku.UNITS);
            assertThat(round.gatewayRate()).isPositive();
            assertThat(round.rawRate()).isPositive();
        });
        assertThat(table.lines().filter(line -> line.startsWith("MET      ") || line.startsWith("NOT MET  ")))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("attempts/s"));
        // Where the CPU went: the gateway's threads run the 200 payments, the racers make the raw calls,
        // and the embedded emulator (when DynamoDB is Dynoxide, on Linux) answers the gateway's 400 calls.
        assertThat(table).contains("CPU spent during each race");
        assertThat(result.rounds()).allSatisfy(round -> {
            assertThat(round.gatewayCpu().get(CpuTime.GATEWAY)).as("the gateway's CPU in its race").isPositive();
            assertThat(round.rawCpu().get(CpuTime.RACERS)).as("the racers' CPU in the raw race").isPositive();
            if (!Stack.get().dynamoDbProcesses().isEmpty() && java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self"))) {
                assertThat(round.gatewayCpu().get(CpuTime.DYNAMODB)).as("Dynoxide's CPU in the gateway race").isPositive();
            }
        });
    }
}
