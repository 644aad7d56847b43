package io.github.redisha.sample;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /products/{id}}: a cached product lookup.
 *
 * @author redis-ha
 */
@RestController
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products/{id}")
	Product product(@PathVariable long id) {
		if (id <= 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Product ids are positive numbers");
		}
		return this.catalog.find(id);
	}

}
