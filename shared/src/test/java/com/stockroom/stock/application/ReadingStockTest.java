package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Stock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingStockTest {

    private static final Stock A = new Stock(new ProductId("a"), 1, 1, 0);
    private static final Stock B = new Stock(new ProductId("b"), 2, 2, 0);
    private static final Stock C = new Stock(new ProductId("c"), 3, 2, 1);

    private final InMemoryStocks stocks = new InMemoryStocks().with(A).with(B).with(C);
    private final ReadingStock reading = new ReadingStock(stocks);

    @Test
    void several_answers_the_found_stocks_in_the_order_asked() {
        List<Stock> found = reading.several(List.of(new ProductId("b"), new ProductId("a"), new ProductId("c")));

        assertThat(found).containsExactly(B, A, C);
    }

    @Test
    void several_answers_in_the_order_asked_even_when_that_is_ascending() {
        // the fake answers descending, so this order has to come from ReadingStock
        assertThat(reading.several(List.of(new ProductId("a"), new ProductId("b"), new ProductId("c"))))
                .containsExactly(A, B, C);
    }

    @Test
    void several_skips_unknown_products() {
        List<Stock> found = reading.several(List.of(
                new ProductId("unknown-1"), new ProductId("c"), new ProductId("unknown-2"), new ProductId("a")));

        assertThat(found).containsExactly(C, A);
    }

    @Test
    void several_of_only_unknown_products_is_empty() {
        assertThat(reading.several(List.of(new ProductId("x"), new ProductId("y")))).isEmpty();
    }

    @Test
    void one_finds_a_known_product_and_not_an_unknown_one() {
        assertThat(reading.one(new ProductId("b"))).contains(B);
        assertThat(reading.one(new ProductId("x"))).isEmpty();
    }
}
