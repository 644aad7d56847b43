package io.github.redisha.partition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.health.RedisHaHealthAutoConfiguration;
import io.github.redisha.routing.RedisHaRoutingAutoConfiguration;
import io.github.redisha.sentinel.RedisHaSentinelAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The application under test in a partition test, run as a child JVM inside the test's
 * network namespace (the test JVM cannot reach into it). Configured by its environment
 * ({@code REDIS_*}, {@code SPRING_DATA_REDIS_*}), like the real thing. Until the file
 * named by its first argument exists (at most 3 minutes) it
 * <ul>
 * <li>writes {@code <prefix>:N} every 5 ms, printing {@code ACK <millis> <key>} for each
 * write it was told succeeded and {@code FAIL <millis> <key> <error>} for the others;
 * <li>with {@code REDIS_READ_FROM} (or Boot's {@code read-from}) set, reads a key on a
 * thread of its own every 5 ms, printing {@code READ <millis>} or
 * {@code READFAIL <millis> <error>};
 * <li>prints the {@code redis} health every 250 ms: {@code HEALTH <millis> <status>
 * <details>};
 * </ul>
 * then {@code DONE}. With {@code plain} as third argument it runs as plain Spring Boot:
 * Boot's Redis auto-configuration only ({@code spring.data.redis.*}).
 */
public final class PartitionedApp {

	private static final Duration MAX_RUNTIME = Duration.ofMinutes(3);

	private PartitionedApp() {
	}

	public static void main(String[] args) {
		Path stop = Path.of(args[0]);
		String prefix = args[1];
		boolean plain = args.length > 2 && args[2].equals("plain");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(configurations(plain)))
			.withInitializer(SystemEnvironment.of(System.getenv()))
			.run((context) -> {
				if (context.getStartupFailure() != null) {
					System.out.println("STARTUP FAILED " + context.getStartupFailure());
					return;
				}
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				List<Thread> loops = new ArrayList<>();
				if (readsFromReplicas()) {
					template.opsForValue().set(prefix + ":read", "read");
					loops.add(started(() -> read(template, prefix + ":read", stop)));
				}
				if (context.containsBean("redisHealthContributor")) {
					HealthIndicator health = context.getBean("redisHealthContributor", HealthIndicator.class);
					loops.add(started(() -> printHealth(health, stop)));
				}
				write(template, prefix, stop);
				for (Thread loop : loops) {
					loop.join();
				}
			});
		System.out.println("DONE");
		System.out.flush();
		System.exit(0);
	}

	private static Class<?>[] configurations(boolean plain) {
		if (plain) {
			return new Class<?>[] { DataRedisAutoConfiguration.class };
		}
		return new Class<?>[] { RedisHaConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisHaFailoverAutoConfiguration.class, RedisHaSentinelAutoConfiguration.class,
				RedisHaRoutingAutoConfiguration.class, RedisHaHealthAutoConfiguration.class };
	}

	private static Thread started(Runnable loop) {
		Thread thread = new Thread(loop);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static boolean readsFromReplicas() {
		return System.getenv("REDIS_READ_FROM") != null || System.getenv("SPRING_DATA_REDIS_LETTUCE_READ_FROM") != null;
	}

	private static void write(StringRedisTemplate template, String prefix, Path stop) throws InterruptedException {
		long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
		for (long n = 1; running(stop, deadline); n++) {
			String key = prefix + ":" + n;
			try {
				template.opsForValue().set(key, Long.toString(n));
				print("ACK " + System.currentTimeMillis() + " " + key);
			}
			catch (RuntimeException ex) {
				print("FAIL " + System.currentTimeMillis() + " " + key + " " + rootCause(ex));
			}
			TimeUnit.MILLISECONDS.sleep(5);
		}
	}

	private static void read(StringRedisTemplate template, String key, Path stop) {
		long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
		while (running(stop, deadline)) {
			try {
				template.opsForValue().get(key);
				print("READ " + System.currentTimeMillis());
			}
			catch (RuntimeException ex) {
				print("READFAIL " + System.currentTimeMillis() + " " + rootCause(ex));
			}
			pause(5);
		}
	}

	private static void printHealth(HealthIndicator indicator, Path stop) {
		long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
		while (running(stop, deadline)) {
			Health health = indicator.health();
			if (health != null) {
				print("HEALTH " + System.currentTimeMillis() + " " + health.getStatus() + " " + health.getDetails());
			}
			pause(250);
		}
	}

	private static boolean running(Path stop, long deadline) {
		return !Files.exists(stop) && System.nanoTime() < deadline;
	}

	private static void pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void print(String line) {
		System.out.println(line);
		System.out.flush();
	}

	private static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
