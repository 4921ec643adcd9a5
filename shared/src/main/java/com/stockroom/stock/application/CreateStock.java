package com.stockroom.stock.application;

import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;

/** Start keeping stock of a product, with its first quantity, on someone's account. */
public record CreateStock(ProductId productId, Quantity quantity, Attribution attribution) {
}
