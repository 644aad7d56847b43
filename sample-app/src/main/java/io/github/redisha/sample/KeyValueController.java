package io.github.redisha.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code PUT /kv/{key}} stores the request body as a string value, {@code GET /kv/{key}}
 * reads it back. Writes go to the master; reads go wherever {@code REDIS_READ_FROM}
 * routes them (replicas, for example).
 *
 * @author redis-ha
 */
@RestController
class KeyValueController {

	/** Keeps the sample's keys apart from the cache's. */
	private static final String PREFIX = "kv:";

	private final StringRedisTemplate redis;

	KeyValueController(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@PutMapping(path = "/kv/{key}", consumes = MediaType.ALL_VALUE)
	Entry put(@PathVariable String key, @RequestBody String value) {
		this.redis.opsForValue().set(PREFIX + key, value);
		return new Entry(key, value);
	}

	@GetMapping("/kv/{key}")
	Entry get(@PathVariable String key) {
		@Nullable String value = this.redis.opsForValue().get(PREFIX + key);
		if (value == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No value for key '" + key + "'");
		}
		return new Entry(key, value);
	}

	/**
	 * A key and its value.
	 *
	 * @param key the key (without the internal prefix)
	 * @param value the value
	 */
	record Entry(String key, String value) {
	}

}
