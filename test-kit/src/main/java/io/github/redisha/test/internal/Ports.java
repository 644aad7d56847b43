package io.github.redisha.test.internal;

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
 * <p>
 * Ports are picked below the kernel's ephemeral range when possible, so that a node
 * restarted on its port does not collide with the local port of some outgoing connection.
 * Ports handed out are remembered until released, so two topologies of the same JVM never
 * get the same port. Another process may still take a port between the check and the
 * bind; callers retry with new ports when a process fails to bind.
 *
 * @author redis-ha
 */
final class Ports {

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private static final int LOWEST = 10000;

	/**
	 * Redis Cluster's bus port is the client port plus this (when {@code cluster-port} is
	 * not set).
	 */
	static final int CLUSTER_BUS_OFFSET = 10000;

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

	/**
	 * Ports for Redis Cluster nodes: each port {@code p} is free together with its bus
	 * port {@code p + }{@value #CLUSTER_BUS_OFFSET}, and both are handed out; release
	 * them with {@link #releaseWithBus(Collection)}. Both lie below the ephemeral range
	 * when it leaves room for that.
	 * @param count how many ports to allocate
	 * @return the allocated ports, without their bus ports
	 */
	static List<Integer> allocateWithBus(int count) {
		List<Integer> ports = new ArrayList<>(count);
		int highest = Math.max(ephemeralRangeLow() - CLUSTER_BUS_OFFSET, LOWEST + 2000);
		int attempts = 0;
		while (ports.size() < count) {
			if (++attempts > 10_000) {
				releaseWithBus(ports);
				throw new RedisTopologyException(
						"Could not find " + count + " free port pairs p, p+" + CLUSTER_BUS_OFFSET + " on 127.0.0.1");
			}
			int candidate = ThreadLocalRandom.current().nextInt(LOWEST, highest);
			int bus = candidate + CLUSTER_BUS_OFFSET;
			if (tryBind(candidate) != candidate || tryBind(bus) != bus || !HANDED_OUT.add(candidate)) {
				continue;
			}
			if (HANDED_OUT.add(bus)) {
				ports.add(candidate);
			}
			else {
				HANDED_OUT.remove(candidate);
			}
		}
		return ports;
	}

	static void releaseWithBus(Collection<Integer> ports) {
		for (int port : ports) {
			HANDED_OUT.remove(port);
			HANDED_OUT.remove(port + CLUSTER_BUS_OFFSET);
		}
	}

	private static int tryBind(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// Redis sets SO_REUSEADDR too, so a port with connections in TIME_WAIT is
			// usable
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), port), 1);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	static int ephemeralRangeLow() {
		// read as a stream: /proc files report a bogus size, which confuses
		// Files.readString
		try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
			String range = reader.readLine().trim();
			return Integer.parseInt(range.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 32768;
		}
	}

}
