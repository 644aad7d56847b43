package io.github.redisha.test.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisha.test.RedisClusterTopology;
import io.github.redisha.test.RedisClusterTopologyExtension;
import io.github.redisha.test.RedisSentinelTopology;
import io.github.redisha.test.RedisStandalone;
import io.github.redisha.test.RedisTopologyExtension;

/**
 * The topologies {@link RedisTopologyExtension} and {@link RedisClusterTopologyExtension}
 * started for annotated test classes, by class, while they are open: how the Spring
 * service connection of a class finds the very topology its test methods get injected.
 *
 * <p>
 * Internal: the extensions register, the Spring hook looks up.
 *
 * @author redis-ha
 */
public final class ClassTopologies {

	private static final Map<Key, AutoCloseable> open = new ConcurrentHashMap<>();

	private ClassTopologies() {
	}

	/**
	 * Registers the topology of a test class until the returned handle is closed.
	 * @param testClass the class annotated with {@link RedisSentinelTopology},
	 * {@link RedisStandalone} or {@link RedisClusterTopology}
	 * @param type {@code SentinelTopology}, {@code StandaloneRedis} or
	 * {@code ClusterTopology}
	 * @param topology the topology started for it
	 * @param <T> the topology type
	 * @return the handle that unregisters and closes the topology
	 */
	public static <T extends AutoCloseable> Registration<T> register(Class<?> testClass, Class<T> type, T topology) {
		Key key = new Key(testClass, type);
		open.put(key, topology);
		return new Registration<>(key, topology);
	}

	/**
	 * The open topology of a test class.
	 * @param testClass the annotated test class
	 * @param type {@code SentinelTopology}, {@code StandaloneRedis} or
	 * {@code ClusterTopology}
	 * @param <T> the topology type
	 * @return the topology, or {@code null} when none is open
	 */
	public static <T> T of(Class<?> testClass, Class<T> type) {
		return type.cast(open.get(new Key(testClass, type)));
	}

	private record Key(Class<?> testClass, Class<?> type) {

	}

	/**
	 * An open topology of a test class; closing it unregisters and closes the topology.
	 *
	 * @param <T> the topology type
	 */
	public static final class Registration<T extends AutoCloseable> implements AutoCloseable {

		private final Key key;

		private final T topology;

		private Registration(Key key, T topology) {
			this.key = key;
			this.topology = topology;
		}

		/**
		 * The registered topology.
		 * @return the topology
		 */
		public T topology() {
			return this.topology;
		}

		@Override
		public void close() throws Exception {
			open.remove(this.key, this.topology);
			this.topology.close();
		}

	}

}
