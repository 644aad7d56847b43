package io.github.redisha.connection;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parsing and masking of {@code REDIS_URL}, in Lettuce's {@code RedisURI} syntax.
 */
class RedisUrlTests {

	@Test
	void standaloneWithUserPasswordPortAndDatabase() {
		RedisUrl url = RedisUrl.parse("redis://app:s3cret@cache.internal:6380/2");
		assertThat(url.isSentinel()).isFalse();
		assertThat(url.isTls()).isFalse();
		assertThat(url.endpoints()).containsExactly(new RedisEndpoint("cache.internal", 6380));
		assertThat(url.database()).isEqualTo(2);
		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isEqualTo("s3cret");
	}

	@Test
	void defaultsFollowLettuce() {
		RedisUrl url = RedisUrl.parse("redis://cache");
		assertThat(url.endpoints()).containsExactly(new RedisEndpoint("cache", 6379));
		assertThat(url.database()).isNull();
		assertThat(url.password()).isNull();
		assertThat(RedisUrl.parse("redis-sentinel://s1,s2:26380#mymaster").endpoints())
			.containsExactly(new RedisEndpoint("s1", 26379), new RedisEndpoint("s2", 26380));
	}

	@Test
	void passwordOnlyFormsFollowLettuce() {
		assertThat(RedisUrl.parse("redis://:only-password@h:1").password()).isEqualTo("only-password");
		RedisUrl bare = RedisUrl.parse("redis://bare-password@h:1");
		assertThat(bare.username()).isNull();
		assertThat(bare.password()).isEqualTo("bare-password");
	}

	@Test
	void percentEncodedAndUnencodedSpecialCharactersInThePassword() {
		assertThat(RedisUrl.parse("redis://u:p%40ss+w%3Ard@h:1").password()).isEqualTo("p@ss+w:rd");
		assertThat(RedisUrl.parse("redis://u:a/b?c#d@h:1/3").password()).isEqualTo("a/b?c#d");
		assertThat(RedisUrl.parse("redis://u:a/b?c#d@h:1/3").database()).isEqualTo(3);
	}

	@Test
	void tlsSchemes() {
		assertThat(RedisUrl.parse("rediss://h:6380").isTls()).isTrue();
		assertThat(RedisUrl.parse("redis+ssl://h:6380").isTls()).isTrue();
		RedisUrl sentinel = RedisUrl.parse("rediss-sentinel://h:26379#m");
		assertThat(sentinel.isTls()).isTrue();
		assertThat(sentinel.isSentinel()).isTrue();
	}

	@Test
	void sentinelWithIpv6MasterAndDatabase() {
		RedisUrl url = RedisUrl.parse("redis-sentinel://:pw@[::1]:26379,10.0.0.2:26380/4#billing");
		assertThat(url.endpoints()).containsExactly(new RedisEndpoint("::1", 26379),
				new RedisEndpoint("10.0.0.2", 26380));
		assertThat(url.database()).isEqualTo(4);
		assertThat(url.masterName()).isEqualTo("billing");
		assertThat(url.password()).isEqualTo("pw");
	}

	@Test
	void queryParametersWinLikeInLettuce() {
		RedisUrl url = RedisUrl.parse("redis-sentinel://s1:26379/1?db=5&sentinelMasterId=orders");
		assertThat(url.database()).isEqualTo(5);
		assertThat(url.masterName()).isEqualTo("orders");
		assertThat(RedisUrl.parse("redis://h/1?database=7").database()).isEqualTo(7);
	}

	@Test
	void unknownScheme() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("http://user:topsecret@h:1"))
			.withMessage("REDIS_URL (redis.url) 'http://user:****@h:1' is invalid: the scheme 'http' is not "
					+ "supported (use redis, rediss, redis-sentinel or rediss-sentinel).")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("redis://[user:password@]host:port[/db]"));
	}

	@Test
	void missingScheme() {
		assertThatExceptionOfType(RedisHaConfigurationException.class).isThrownBy(() -> RedisUrl.parse("cache:6379"))
			.withMessage("REDIS_URL (redis.url) 'cache:6379' is invalid: it has no scheme such as redis://.");
	}

	@Test
	void missingHost() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis://:topsecret@/0"))
			.withMessage("REDIS_URL (redis.url) 'redis://****@/0' is invalid: it has no host.");
	}

	@Test
	void badPortNamesTheSettingWithoutThePassword() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis://u:topsecret@h:99999"))
			.withMessage("REDIS_URL (redis.url) 'redis://u:****@h:99999' has an invalid entry 'h:99999': "
					+ "port 99999 is outside 1-65535.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Check the host and port in REDIS_URL"));
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis://h:port"))
			.withMessageContaining("port 'port' is not a number");
	}

	@Test
	void badDatabase() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis://:topsecret@h:1/two"))
			.withMessage("REDIS_URL (redis.url) 'redis://****@h:1/two' is invalid: "
					+ "the database 'two' is not a database index (0 or more).");
	}

	@Test
	void sentinelWithoutMasterName() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis-sentinel://s1:26379,s2:26379"))
			.withMessage("REDIS_URL (redis.url) 'redis-sentinel://s1:26379,s2:26379' is invalid: "
					+ "a Sentinel URL needs the master name after '#'.");
	}

	@Test
	void severalHostsInAStandaloneUrlPointToTheSentinelForm() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis://a:1,b:2"))
			.withMessageContaining("lists 2; for Sentinel use redis-sentinel://");
	}

	@Test
	void unsupportedQueryParameterSaysWhatToUseInstead() {
		assertThatExceptionOfType(RedisHaConfigurationException.class)
			.isThrownBy(() -> RedisUrl.parse("redis://h:1?timeout=5s"))
			.withMessage("REDIS_URL (redis.url) 'redis://h:1?timeout=5s' has the query parameter 'timeout', "
					+ "which redis-ha does not take from the URL.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("spring.data.redis.timeout"));
	}

	@Test
	void masksPasswordsInAnyString() {
		assertThat(RedisUrl.mask("redis://app:s3cret@h:1/2")).isEqualTo("redis://app:****@h:1/2");
		assertThat(RedisUrl.mask("redis://s3cret@h:1")).isEqualTo("redis://****@h:1");
		assertThat(RedisUrl.mask("redis://:s3:cret@h:1")).isEqualTo("redis://****@h:1");
		assertThat(RedisUrl.mask("redis://u:p@ss@h:1")).isEqualTo("redis://u:****@h:1");
		assertThat(RedisUrl.mask("not a url s3cret@h")).isEqualTo("****@h");
		assertThat(RedisUrl.mask("redis://h:1")).isEqualTo("redis://h:1");
	}

}
