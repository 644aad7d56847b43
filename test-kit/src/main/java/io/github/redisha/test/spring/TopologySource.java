package io.github.redisha.test.spring;

import io.github.redisha.test.internal.ClassTopologies;

/**
 * Where the topology of a test's service connection comes from; the context cache tells
 * contexts apart by it.
 *
 * @author redis-ha
 */
sealed interface TopologySource {

	/**
	 * The running topology.
	 * @return a {@code SentinelTopology}, {@code StandaloneRedis} or
	 * {@code ClusterTopology}
	 */
	Object topology();

	/**
	 * The topology started by {@code @RedisSentinelTopology} / {@code @RedisStandalone} /
	 * {@code @RedisClusterTopology} on a test class, looked up when the context is
	 * created, so every test class gets a context of its own topology.
	 *
	 * @param testClass the annotated test class
	 * @param type {@code SentinelTopology}, {@code StandaloneRedis} or
	 * {@code ClusterTopology}
	 */
	record OfTestClass(Class<?> testClass, Class<?> type) implements TopologySource {

		@Override
		public Object topology() {
			Object topology = ClassTopologies.of(this.testClass, this.type);
			if (topology == null) {
				throw new IllegalStateException("The " + this.type.getSimpleName() + " of " + this.testClass.getName()
						+ " is not running: @RedisServiceConnection on a test class wires the topology that its "
						+ "@RedisSentinelTopology / @RedisStandalone / @RedisClusterTopology starts, for the test "
						+ "class's own context only");
			}
			return topology;
		}

	}

	/**
	 * A topology held by a static field. Equal for the same topology instance, so
	 * subclasses sharing the field of a base class share one context.
	 *
	 * @param topology the topology
	 */
	record OfField(Object topology) implements TopologySource {

		@Override
		public boolean equals(Object other) {
			return other instanceof OfField field && field.topology == this.topology;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.topology);
		}

	}

}
