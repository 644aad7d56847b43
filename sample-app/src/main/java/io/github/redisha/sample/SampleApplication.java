package io.github.redisha.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A small web service that uses Redis the way a real one would, through the redis-ha
 * starter only: a cache in front of a slow lookup ({@code GET /products/{id}}), a
 * key/value API ({@code PUT}/{@code GET /kv/{key}}), and the actuator's
 * {@code /actuator/health} and {@code /actuator/prometheus}. Redis is configured only
 * through the {@code REDIS_*} environment variables.
 *
 * @author redis-ha
 */
@SpringBootApplication
@EnableCaching
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
