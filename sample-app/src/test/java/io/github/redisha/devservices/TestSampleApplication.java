package io.github.redisha.devservices;

import io.github.redisha.sample.SampleApplication;

import org.springframework.boot.SpringApplication;

/**
 * The sample app on a Redis Sentinel topology of its own, for development without any
 * Redis set up: {@code ./mvnw -pl sample-app spring-boot:test-run}. The topology goes
 * away when the app stops.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(DevTopologyConfiguration.class).run(args);
	}

}
