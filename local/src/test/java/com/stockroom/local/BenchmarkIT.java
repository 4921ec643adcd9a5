package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark's harness works: one cold start of one function, in a fresh JVM against the
 * tests' stack, makes a row of the table and the target lines. The figures themselves are not
 * checked here; the benchmark prints them.
 */
@ExtendWith(Stack.class)
class BenchmarkIT {

    @Test
    void one_cold_start_of_the_inventory_api_makes_a_row_and_a_line_per_target() throws Exception {
        Path templateFile = Path.of(System.getProperty("stockroom.template", "../template.yaml")).toAbsolutePath();
        Benchmark benchmark = new Benchmark(Stack.get(), Template.read(templateFile), templateFile.getParent(), Benchmark.runtimeJars());

        Benchmark.Result result = benchmark.coldStarts(List.of("InventoryApiFunction"), 1);

        assertThat(result.functions()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("inventory-api");
            assertThat(row.wallMedianMs()).isPositive();
            assertThat(row.jarMb()).isPositive();
        });
        String table = result.table();
        assertThat(table).contains("| bare JVM hello (median of 1, one beside each function's starts) |").contains("| inventory-api (GET stock) |");
        assertThat(table.lines().filter(line -> line.startsWith("MET") || line.startsWith("NOT MET")))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("cold start ≤ 5×"))
                .anySatisfy(line -> assertThat(line).contains("jar ≤ 12 MB"))
                .anySatisfy(line -> assertThat(line).contains("peak RSS ≤ 160 MB"));
    }
}
