package io.github.redisha.test.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.github.redisha.test.RedisTopologyException;

/**
 * Finds free TCP ports on {@code 127.0.0.1}.
 *
 * <p>Ports are picked below the kernel's ephemeral range when possible, so that a node restarted on its port does not
 * collide with the local port of some outgoing connection. Ports handed out are remembered until released, so two
 * topologies of the same JVM never get the same port. Another process may still take a port between the check and
 * the bind; callers retry with new ports when a process fails to bind.
 */
final class Ports {

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private static final int LOWEST = 10000;

	private Ports() {
	}

	static List<Integer> allocate(int count) {
		List<Integer> ports = new ArrayList<>(count);
		int ephemeralLow = ephemeralRangeLow();
		int attempts = 0;
		while (ports.size() < count) {
			if (++attempts > 10_000) {
				release(ports);
				throw new RedisTopologyException("Could not find " + count + " free ports on 127.0.0.1");
			}
			int candidate;
			if (ephemeralLow - LOWEST >= 2000 && attempts < 5000) {
				candidate = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralLow);
			}
			else {
				candidate = 0;
			}
			int port = tryBind(candidate);
			if (port > 0 && HANDED_OUT.add(port)) {
				ports.add(port);
			}
		}
		return ports;
	}

	static void release(Collection<Integer> ports) {
		HANDED_OUT.removeAll(ports);
	}

	private static int tryBind(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// Redis sets SO_REUSEADDR too, so a port with connections in TIME_WAIT is usable
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), port), 1);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	static int ephemeralRangeLow() {
		// read as a stream: /proc files report a bogus size, which confuses Files.readString
		try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
			String range = reader.readLine().trim();
			return Integer.parseInt(range.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 32768;
		}
	}

}
