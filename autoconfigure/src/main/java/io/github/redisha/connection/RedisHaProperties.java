package io.github.redisha.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.RedisHaConfigurationException;
import io.github.redisha.internal.Setting;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.StringUtils;

/**
 * The {@code redis.*} root of redis-ha's connection and read-routing settings, bound from
 * {@code redis.*} properties or the equivalent {@code REDIS_*} environment variables
 * ({@code REDIS_SENTINELS} binds to {@code redis.sentinels}, {@code REDIS_MASTER_NAME} to
 * {@code redis.master-name}, and so on), and checked once bound. Settings not covered
 * here (timeouts, pooling, client name, SSL bundles) keep coming from Spring Boot's
 * {@code spring.data.redis.*}.
 *
 * @author redis-ha
 * @since 0.1.0
 */
@ConfigurationProperties("redis")
public class RedisHaProperties implements InitializingBean {

	static final Setting URL = Setting.of("redis.url");

	static final Setting HOST = Setting.of("redis.host");

	static final Setting PORT = Setting.of("redis.port");

	static final Setting DATABASE = Setting.of("redis.database");

	static final Setting SENTINELS = Setting.of("redis.sentinels");

	static final Setting MASTER_NAME = Setting.of("redis.master-name");

	static final Setting SENTINEL_ENABLED = Setting.of("redis.sentinel.enabled");

	/**
	 * Whether redis-ha configures the Redis connection from these settings. False steps
	 * aside: Spring Boot then connects from spring.data.redis.* alone.
	 */
	private boolean enabled = true;

	/**
	 * The whole connection as one URL, as hosting platforms hand it out:
	 * redis://[[user:]password@]host[:port][/db], rediss://... for TLS, or
	 * redis-sentinel://[[user:]password@]host1:26379,host2:26379[/db]#mastername. It sets
	 * the mode, the endpoints, the database, the data-node credentials and TLS; an
	 * individual setting that contradicts it stops the start. Not in cluster mode. Shown
	 * with its password masked.
	 */
	private @Nullable String url;

	/**
	 * Host of the Redis server in standalone mode. Unset: localhost, or the host of a
	 * Kubernetes service link in REDIS_PORT (tcp://10.0.0.7:6379).
	 */
	private @Nullable String host;

	/**
	 * Port of the Redis server in standalone mode. A Kubernetes service link such as
	 * tcp://10.0.0.7:6379 is accepted with a warning: its port is used, and its host
	 * unless redis.host is set.
	 */
	private String port = "6379";

	/**
	 * Database index selected on the data nodes. The startup check selects it, so an
	 * index the server does not have (16 databases by default) stops the start; a Redis
	 * Cluster has only database 0.
	 */
	private int database = 0;

	/**
	 * ACL user of the data nodes (master, replicas, cluster nodes). Unset: the default
	 * user.
	 */
	private @Nullable String username;

	/**
	 * Password of the data nodes (master, replicas, cluster nodes). Never logged or
	 * shown.
	 */
	private @Nullable String password;

	/**
	 * File holding the ACL user of the data nodes, such as a mounted Kubernetes secret;
	 * re-read when it changes. Not together with redis.username.
	 */
	private @Nullable String usernameFile;

	/**
	 * File holding the password of the data nodes, such as a mounted Kubernetes secret;
	 * re-read when it changes: new connections use the new password and open ones
	 * re-authenticate. A trailing line break is ignored. Not together with
	 * redis.password.
	 */
	private @Nullable String passwordFile;

	/**
	 * Whether to connect with TLS to the data nodes and the sentinels, trusting the JVM's
	 * trust store. For a CA of your own use an SSL bundle (spring.data.redis.ssl.bundle).
	 */
	private boolean ssl = false;

	/**
	 * Sentinels as a comma-separated list of host:port pairs, IPv6 in brackets
	 * ([::1]:26379). Required in Sentinel mode.
	 */
	private List<String> sentinels = new ArrayList<>();

	/**
	 * Name of the master in the sentinels' "sentinel monitor" line.
	 */
	private String masterName = "mymaster";

	/**
	 * Where reads go: upstream (the master), upstream-preferred, replica,
	 * replica-preferred, any, any-replica, lowest-latency, or subnet:CIDR[,CIDR] or
	 * regex:PATTERN to pick nodes by address. Writes, transactions and Pub/Sub always go
	 * to the master; replicas redis-ha knows to be down are skipped. Overrides
	 * spring.data.redis.lettuce.read-from. zone-affinity reads from replicas in
	 * redis.client-zone first, then from any replica, then from the master.
	 */
	private @Nullable String readFrom;

	/**
	 * The availability zone the application runs in, e.g. eu-west-1a; on Kubernetes the
	 * node's topology.kubernetes.io/zone label. Required by read-from zone-affinity.
	 */
	private @Nullable String clientZone;

	/**
	 * Zones of the data nodes for read-from zone-affinity, as host:port=zone pairs,
	 * comma-separated, with the addresses the sentinels or CLUSTER NODES report. Needed
	 * for Redis, which announces no zone; Valkey 8+ nodes announce theirs
	 * (availability-zone), and an entry here wins over it.
	 */
	private List<String> nodeZones = new ArrayList<>();

	@NestedConfigurationProperty
	private final RedisSentinelProperties sentinel = new RedisSentinelProperties();

	@NestedConfigurationProperty
	private final RedisClusterProperties cluster = new RedisClusterProperties();

	@NestedConfigurationProperty
	private final RedisStartupCheckProperties startupCheck = new RedisStartupCheckProperties();

	@NestedConfigurationProperty
	private final RedisCredentialsProperties credentials = new RedisCredentialsProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public String getPort() {
		return this.port;
	}

	public void setPort(String port) {
		this.port = port;
	}

	public int getDatabase() {
		return this.database;
	}

	public void setDatabase(int database) {
		this.database = database;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getUsernameFile() {
		return this.usernameFile;
	}

	public void setUsernameFile(@Nullable String usernameFile) {
		this.usernameFile = usernameFile;
	}

	public @Nullable String getPasswordFile() {
		return this.passwordFile;
	}

	public void setPasswordFile(@Nullable String passwordFile) {
		this.passwordFile = passwordFile;
	}

	public boolean isSsl() {
		return this.ssl;
	}

	public void setSsl(boolean ssl) {
		this.ssl = ssl;
	}

	public List<String> getSentinels() {
		return this.sentinels;
	}

	public void setSentinels(List<String> sentinels) {
		this.sentinels = sentinels;
	}

	public String getMasterName() {
		return this.masterName;
	}

	public void setMasterName(String masterName) {
		this.masterName = masterName;
	}

	public @Nullable String getReadFrom() {
		return this.readFrom;
	}

	public void setReadFrom(@Nullable String readFrom) {
		this.readFrom = readFrom;
	}

	public @Nullable String getClientZone() {
		return this.clientZone;
	}

	public void setClientZone(@Nullable String clientZone) {
		this.clientZone = clientZone;
	}

	public List<String> getNodeZones() {
		return this.nodeZones;
	}

	public void setNodeZones(List<String> nodeZones) {
		this.nodeZones = nodeZones;
	}

	/**
	 * The zones of {@link #getNodeZones()} by node, hosts in lower case.
	 * @return the zones, in the order given
	 * @throws RedisHaConfigurationException naming the setting if an entry is malformed
	 */
	public Map<RedisEndpoint, String> nodeZoneMap() {
		return NodeZoneMap.parse(this.nodeZones);
	}

	public RedisSentinelProperties getSentinel() {
		return this.sentinel;
	}

	public RedisClusterProperties getCluster() {
		return this.cluster;
	}

	public RedisStartupCheckProperties getStartupCheck() {
		return this.startupCheck;
	}

	public RedisCredentialsProperties getCredentials() {
		return this.credentials;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Check the settings' ranges. Lists, ports and the URL are checked as they are
	 * parsed.
	 * @throws RedisHaConfigurationException naming the first invalid setting
	 */
	public void validate() {
		if (this.database < 0) {
			throw DATABASE.reject(this.database, "must be 0 or more",
					"Set " + DATABASE.variable() + " to a database index, 0 (the default) to 15 on a default Redis.");
		}
		if (this.sentinel.isEnabled() && !StringUtils.hasText(this.masterName)) {
			throw MASTER_NAME.reject(this.masterName, "must name the master the sentinels monitor",
					"Set " + MASTER_NAME.variable() + " to the name in the sentinels' 'sentinel monitor' line, "
							+ "or remove it to use 'mymaster'.");
		}
		this.cluster.validate(this.sentinel.isEnabled(), this.database);
		nodeZoneMap();
		this.credentials.validate();
	}

}
