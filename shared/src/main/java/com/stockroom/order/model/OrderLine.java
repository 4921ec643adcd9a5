package com.stockroom.order.model;

import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;

/** One product of a cart or order and how many of it. */
public record OrderLine(ProductId productId, Quantity quantity) {
}
