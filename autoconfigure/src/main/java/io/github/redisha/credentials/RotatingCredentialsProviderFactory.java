package io.github.redisha.credentials;

import io.lettuce.core.RedisCredentialsProvider;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;

/**
 * Hands Spring Data's {@code LettuceConnectionFactory} redis-ha's credentials, which win
 * over the fixed user and password Boot put into the configuration: the data nodes' for
 * every data node (standalone, the master and replicas Sentinel names, every cluster
 * node), the sentinels' for the sentinels.
 *
 * @author redis-ha
 */
public final class RotatingCredentialsProviderFactory implements RedisCredentialsProviderFactory {

	private final RedisHaCredentials credentials;

	public RotatingCredentialsProviderFactory(RedisHaCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration redisConfiguration) {
		return this.credentials.data();
	}

	@Override
	public RedisCredentialsProvider createSentinelCredentialsProvider(RedisSentinelConfiguration redisConfiguration) {
		return this.credentials.sentinel();
	}

}
