package io.github.redisha.internal;

import java.net.InetSocketAddress;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DefaultDnsCnameCache;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;

/**
 * How every connection redis-ha configures — the application's and its own — turns a host
 * name into an address: again on every connect, so a pod back under its name on a new IP
 * is followed. Lettuce's default resolver reads the hosts file once per JVM and caches
 * DNS answers for their whole TTL; this one re-reads the hosts file when it changed
 * ({@link RefreshingHostsFile}) and keeps a DNS answer at most {@link #MAX_TTL_SECONDS}
 * (less when its TTL is shorter), a failed lookup not at all.
 *
 * @author redis-ha
 */
public final class NameResolution {

	/**
	 * The longest a DNS answer is reused, in seconds: Kubernetes' CoreDNS answers with 5
	 * s (30 s elsewhere), longer than a pod takes to come back on a new IP.
	 */
	static final int MAX_TTL_SECONDS = 1;

	private static final AddressResolverGroup<InetSocketAddress> GROUP = new DnsAddressResolverGroup(
			new DnsNameResolverBuilder().datagramChannelType(Transports.datagramChannelClass())
				.socketChannelType(Transports.socketChannelClass().asSubclass(SocketChannel.class))
				.hostsFileEntriesResolver(new RefreshingHostsFile(RefreshingHostsFile.systemHostsFile()))
				.resolveCache(new DefaultDnsCache(0, MAX_TTL_SECONDS, 0))
				.cnameCache(new DefaultDnsCnameCache(0, MAX_TTL_SECONDS)));

	private NameResolution() {
	}

	/**
	 * The resolver group, shared like Lettuce's default (client resources never close
	 * it).
	 * @return the group
	 */
	public static AddressResolverGroup<InetSocketAddress> addressResolverGroup() {
		return GROUP;
	}

	/**
	 * Client resources of redis-ha's own: a small pool, names resolved this way.
	 * @return a builder to add to
	 */
	public static ClientResources.Builder ownResources() {
		return ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).addressResolverGroup(GROUP);
	}

}
