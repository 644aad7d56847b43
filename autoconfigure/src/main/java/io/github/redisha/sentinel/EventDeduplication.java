package io.github.redisha.sentinel;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Every sentinel publishes the same event: it is counted once. An event seen again within
 * five seconds is the same event; later, it is a new one.
 *
 * @author redis-ha
 */
final class EventDeduplication {

	static final Duration WINDOW = Duration.ofSeconds(5);

	private final Map<String, Long> recent = new HashMap<>();

	/**
	 * Whether this event is new.
	 * @param channel the event's channel, e.g. {@code +sdown}
	 * @param message the event's message
	 * @param now the current time (nanoTime)
	 * @return whether it was not seen within the window
	 */
	boolean isNew(String channel, String message, long now) {
		String identity = SentinelEvent.identity(channel, message);
		Long seen = this.recent.get(identity);
		if (seen == null || now - seen > WINDOW.toNanos()) {
			this.recent.put(identity, now);
			return true;
		}
		return false;
	}

	/**
	 * Forget events older than the window.
	 * @param now the current time (nanoTime)
	 */
	void expire(long now) {
		this.recent.values().removeIf((seen) -> now - seen > WINDOW.toNanos());
	}

	int remembered() {
		return this.recent.size();
	}

}
