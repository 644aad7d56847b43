package io.github.redisha.sample;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A product of the catalog. Serializable: the Redis cache stores it with JDK
 * serialization (Boot's default).
 *
 * @param id the product id
 * @param name the product name
 * @param price the price in EUR
 * @author redis-ha
 */
public record Product(long id, String name, BigDecimal price) implements Serializable {
}
