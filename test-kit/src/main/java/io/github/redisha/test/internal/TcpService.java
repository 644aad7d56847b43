package io.github.redisha.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP round robin over the ready members, on one loopback port: what kube-proxy does
 * for a ClusterIP Service. A member is ready while it answers an inline {@code PING} (any
 * reply, {@code -NOAUTH} included), checked every {@link #CHECK_INTERVAL_MILLIS}. One
 * thread per direction of each proxied connection, at most {@link #MAX_CONNECTIONS}
 * connections; {@link #close()} closes the listener and every connection and ends every
 * thread.
 *
 * @author redis-ha
 */
final class TcpService implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TcpService.class);

	static final long CHECK_INTERVAL_MILLIS = 100;

	private static final int CHECK_TIMEOUT_MILLIS = 200;

	private static final int CONNECT_TIMEOUT_MILLIS = 1000;

	static final int MAX_CONNECTIONS = 256;

	private static final AtomicInteger SERVICES = new AtomicInteger();

	private final String name;

	private final ServerSocket listener;

	/** Members (ports on loopback) and whether the last check found them ready. */
	private final Map<Integer, Boolean> members = new ConcurrentHashMap<>();

	private final List<Integer> order = new CopyOnWriteArrayList<>();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong next = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ExecutorService pumps;

	private final ScheduledExecutorService checks;

	private final Thread acceptor;

	TcpService(String name) {
		this.name = name + "-" + SERVICES.incrementAndGet();
		try {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on loopback for " + this.name, ex);
		}
		this.pumps = Executors.newCachedThreadPool(daemon(this.name + "-pump"));
		this.checks = Executors.newSingleThreadScheduledExecutor(daemon(this.name + "-check"));
		this.checks.scheduleWithFixedDelay(this::checkMembers, 0, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		this.acceptor = daemon(this.name + "-accept").newThread(this::acceptLoop);
		this.acceptor.start();
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "redisha-test-" + name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Adds a member; it takes connections once a check found it ready.
	 * @param port its port on loopback
	 */
	void add(int port) {
		if (this.members.putIfAbsent(port, Boolean.FALSE) == null) {
			this.order.add(port);
		}
	}

	/**
	 * Takes a member out of the rotation at once (a pod deleted); its open connections
	 * stay.
	 * @param port its port
	 */
	void remove(int port) {
		this.order.remove((Integer) port);
		this.members.remove(port);
	}

	/**
	 * The ready members in rotation order.
	 * @return their ports
	 */
	List<Integer> ready() {
		List<Integer> ready = new ArrayList<>();
		for (Integer port : this.order) {
			if (Boolean.TRUE.equals(this.members.get(port))) {
				ready.add(port);
			}
		}
		return ready;
	}

	/**
	 * How many proxied connections are open (each counts its two sockets).
	 * @return the open sockets
	 */
	int openSockets() {
		return this.open.size();
	}

	private void checkMembers() {
		for (Integer port : this.order) {
			boolean ready = answersPing(port);
			this.members.computeIfPresent(port, (key, before) -> {
				if (before != ready) {
					logger.debug("{}: 127.0.0.1:{} is {}", this.name, port, ready ? "ready" : "not ready");
				}
				return ready;
			});
		}
	}

	private static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CHECK_TIMEOUT_MILLIS);
			socket.setSoTimeout(CHECK_TIMEOUT_MILLIS);
			socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			int first = socket.getInputStream().read();
			return first == '+' || first == '-';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void acceptLoop() {
		while (!this.closed.get()) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				if (!this.closed.get()) {
					logger.warn("{}: accept failed", this.name, ex);
				}
				return;
			}
			forward(client);
		}
	}

	private void forward(Socket client) {
		List<Integer> ready = ready();
		if (ready.isEmpty() || this.open.size() >= 2 * MAX_CONNECTIONS) {
			logger.debug("{}: refused a connection ({} ready, {} sockets open)", this.name, ready.size(),
					this.open.size());
			closeQuietly(client);
			return;
		}
		int port = ready.get((int) (this.next.getAndIncrement() % ready.size()));
		Socket backend = new Socket();
		this.open.add(client);
		this.open.add(backend);
		try {
			backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
			client.setTcpNoDelay(true);
			backend.setTcpNoDelay(true);
			this.pumps.execute(() -> pump(client, backend));
			this.pumps.execute(() -> pump(backend, client));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("{}: cannot reach 127.0.0.1:{}: {}", this.name, port, ex.toString());
			closeBoth(client, backend);
		}
		if (this.closed.get()) {
			closeBoth(client, backend);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side went away
		}
		finally {
			closeBoth(from, to);
		}
	}

	private void closeBoth(Socket one, Socket other) {
		closeQuietly(one);
		closeQuietly(other);
		this.open.remove(one);
		this.open.remove(other);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Stops listening, closes every proxied connection and waits (up to 5 s) for the
	 * threads to end. Idempotent; never throws.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			logger.debug("{}: closing the listener failed", this.name, ex);
		}
		this.checks.shutdownNow();
		List.copyOf(this.open).forEach(TcpService::closeQuietly);
		this.open.clear();
		this.pumps.shutdownNow();
		try {
			this.acceptor.join(5000);
			this.pumps.awaitTermination(5, TimeUnit.SECONDS);
			this.checks.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return this.name + "@127.0.0.1:" + port();
	}

}
