package io.github.redisha.partition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.redisha.connection.RedisHaConnectionAutoConfiguration;
import io.github.redisha.failover.RedisHaFailoverAutoConfiguration;
import io.github.redisha.testsupport.SystemEnvironment;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The application under test in a partition test, run as a child JVM inside the test's
 * network namespace (the test JVM cannot reach into it). Configured by its environment
 * ({@code REDIS_*}), like the real thing; writes {@code <prefix>:N} every 5 ms and prints
 * {@code ACK <key>} for each write it was told succeeded and {@code FAIL <key> <error>}
 * for the others, until the file named by its first argument exists (at most 3 minutes),
 * then {@code DONE}.
 */
public final class PartitionedApp {

	private static final Duration MAX_RUNTIME = Duration.ofMinutes(3);

	private PartitionedApp() {
	}

	public static void main(String[] args) {
		Path stop = Path.of(args[0]);
		String prefix = args[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisHaConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisHaFailoverAutoConfiguration.class))
			.withInitializer(SystemEnvironment.of(System.getenv()))
			.run((context) -> {
				if (context.getStartupFailure() != null) {
					System.out.println("STARTUP FAILED " + context.getStartupFailure());
					return;
				}
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
				for (long n = 1; !Files.exists(stop) && System.nanoTime() < deadline; n++) {
					String key = prefix + ":" + n;
					try {
						template.opsForValue().set(key, Long.toString(n));
						System.out.println("ACK " + key);
					}
					catch (RuntimeException ex) {
						System.out.println("FAIL " + key + " " + rootCause(ex));
					}
					System.out.flush();
					TimeUnit.MILLISECONDS.sleep(5);
				}
			});
		System.out.println("DONE");
		System.out.flush();
		System.exit(0);
	}

	private static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
