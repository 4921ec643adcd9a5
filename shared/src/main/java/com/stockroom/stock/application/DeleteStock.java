package com.stockroom.stock.application;

import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.ProductId;

/** Stop keeping stock of a product, on someone's account. */
public record DeleteStock(ProductId productId, Attribution attribution) {
}
