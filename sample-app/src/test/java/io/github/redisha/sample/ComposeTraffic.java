package io.github.redisha.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What the compose end-to-end tests send to the sample app while they break Redis: a
 * request every 50 ms, as a user's curl loop would, each answer recorded.
 */
final class ComposeTraffic {

	private static final Duration PACE = Duration.ofMillis(50);

	/** Upper bound of requests per loop, whatever happens. */
	private static final int MAX_REQUESTS = 5000;

	private ComposeTraffic() {
	}

	/**
	 * GET {@code path} every 50 ms until {@code done}; -1 for a request that got no
	 * answer.
	 * @param app the sample app
	 * @param path the path to ask for
	 * @param done ends the loop
	 * @return the status of every request, in order
	 */
	static List<Integer> keepAsking(SampleAppClient app, String path, AtomicBoolean done) {
		List<Integer> seen = new ArrayList<>();
		while (!done.get() && seen.size() < MAX_REQUESTS) {
			try {
				seen.add(app.get(path).statusCode());
			}
			catch (RuntimeException ex) {
				seen.add(-1);
			}
			LockSupport.parkNanos(PACE.toNanos());
		}
		return seen;
	}

	/**
	 * PUT /kv/{prefix}-N every 50 ms until {@code done}; status -1 when there was no
	 * answer. Consecutive keys hash to different slots, so in cluster mode the writes
	 * reach every shard.
	 * @param app the sample app
	 * @param prefix the keys' prefix
	 * @param done ends the loop
	 * @return every write, in order
	 */
	static List<Write> keepWriting(SampleAppClient app, String prefix, AtomicBoolean done) {
		List<Write> seen = new ArrayList<>();
		while (!done.get() && seen.size() < MAX_REQUESTS) {
			String key = prefix + "-" + seen.size();
			String value = "written " + seen.size();
			long sentAt = System.nanoTime();
			int status;
			try {
				status = app.put("/kv/" + key, value).statusCode();
			}
			catch (RuntimeException ex) {
				status = -1;
			}
			seen.add(new Write(key, value, sentAt, status));
			LockSupport.parkNanos(PACE.toNanos());
		}
		return seen;
	}

	static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * One PUT through the app.
	 *
	 * @param key the key written
	 * @param value the value written
	 * @param sentAt {@link System#nanoTime()} when it was sent
	 * @param status the HTTP status, -1 for no answer
	 */
	record Write(String key, String value, long sentAt, int status) {

		boolean failed() {
			return this.status / 100 != 2;
		}

	}

}
