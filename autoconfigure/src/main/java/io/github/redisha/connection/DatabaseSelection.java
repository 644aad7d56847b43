package io.github.redisha.connection;

import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.RedisFailures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a data node has the configured database. Redis accepts any index at
 * configuration time; only {@code SELECT} tells, and without this check an index beyond
 * the server's {@code databases} makes every command fail later with "Unable to connect
 * to Redis" and nothing naming the cause.
 *
 * @author redis-ha
 */
final class DatabaseSelection {

	private DatabaseSelection() {
	}

	/**
	 * Select {@code database} on the connection (database 0 needs no check).
	 * @param connection a connection to a data node
	 * @param endpoint the node, for the message
	 * @param database the configured database index
	 * @throws RedisHaConfigurationException if the node has no such database
	 */
	static void check(StatefulRedisConnection<String, String> connection, RedisEndpoint endpoint, int database) {
		if (database == 0) {
			return;
		}
		try {
			connection.sync().select(database);
		}
		catch (RedisCommandExecutionException ex) {
			if (!isOutOfRange(ex)) {
				throw ex;
			}
			String count = databaseCount(connection);
			throw RedisHaProperties.DATABASE.reject(database,
					"Redis at " + endpoint + " has "
							+ ((count != null) ? count + " databases (0 to " + (Integer.parseInt(count) - 1) + ")"
									: "no database with that index")
							+ ": " + RedisFailures.describe(ex),
					"Set REDIS_DATABASE to an index the server has, or raise "
							+ "'databases' in the server's redis.conf.");
		}
	}

	static boolean isOutOfRange(RedisCommandExecutionException ex) {
		String message = ex.getMessage();
		return message != null && message.contains("DB index is out of range");
	}

	/**
	 * The server's {@code databases} setting, or null where CONFIG is not allowed.
	 * @param connection a connection to the server
	 * @return the setting, or {@code null}
	 */
	private static @Nullable String databaseCount(StatefulRedisConnection<String, String> connection) {
		try {
			Map<String, String> config = connection.sync().configGet("databases");
			String count = config.get("databases");
			return (count != null && count.chars().allMatch(Character::isDigit) && !count.isEmpty()) ? count : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
