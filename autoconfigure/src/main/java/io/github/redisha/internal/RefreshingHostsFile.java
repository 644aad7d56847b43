package io.github.redisha.internal;

import java.io.File;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.resolver.HostsFileEntriesProvider;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * The hosts file's entries, parsed again whenever the file's modification time or size
 * changed (one {@code stat} per lookup): a name moved to a new IP in {@code /etc/hosts}
 * (Docker's {@code extra_hosts}, a static setup, a test's namespace) is followed at the
 * next connect. Netty's own resolver reads the file once unless
 * {@code -Dio.netty.hostsFileRefreshInterval} is set.
 *
 * @author redis-ha
 */
final class RefreshingHostsFile implements HostsFileEntriesResolver {

	private final File file;

	private volatile Snapshot snapshot = new Snapshot(-1, -1, Map.of(), Map.of());

	RefreshingHostsFile(File file) {
		this.file = file;
	}

	static File systemHostsFile() {
		return PlatformDependent.isWindows()
				? new File(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "system32\\drivers\\etc\\hosts")
				: new File("/etc/hosts");
	}

	@Override
	public @Nullable InetAddress address(String inetHost, ResolvedAddressTypes resolvedAddressTypes) {
		Snapshot current = fresh();
		String name = inetHost.toLowerCase(Locale.ENGLISH);
		List<InetAddress> ipv4 = current.ipv4.get(name);
		List<InetAddress> ipv6 = current.ipv6.get(name);
		List<InetAddress> first = switch (resolvedAddressTypes) {
			case IPV4_ONLY -> ipv4;
			case IPV6_ONLY -> ipv6;
			case IPV4_PREFERRED -> (ipv4 != null) ? ipv4 : ipv6;
			case IPV6_PREFERRED -> (ipv6 != null) ? ipv6 : ipv4;
		};
		return (first != null && !first.isEmpty()) ? first.get(0) : null;
	}

	private Snapshot fresh() {
		Snapshot current = this.snapshot;
		long modified = this.file.lastModified();
		long length = this.file.length();
		if (modified != current.modified || length != current.length) {
			HostsFileEntriesProvider entries = HostsFileEntriesProvider.parser().parseSilently(this.file);
			current = new Snapshot(modified, length, entries.ipv4Entries(), entries.ipv6Entries());
			this.snapshot = current;
		}
		return current;
	}

	private record Snapshot(long modified, long length, Map<String, List<InetAddress>> ipv4,
			Map<String, List<InetAddress>> ipv6) {
	}

}
