package io.github.redisha.sentinel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.redisha.RedisEndpoint;

/**
 * Which of the addresses redis-ha listens to count as sentinels, and which are gone. A
 * sentinel is an address some sentinel listed ({@code SENTINEL SENTINELS},
 * {@code +sentinel}); a configured address no sentinel lists (a Service, a load balancer)
 * is only a way in, unless no address is listed at all (a single sentinel). An address
 * that is neither subscribed nor listed by any answering sentinel in
 * {@value #DROP_AFTER_ROUNDS} discovery rounds in a row is gone (a redeployed sentinel);
 * a configured address never is. No I/O.
 *
 * @author redis-ha
 */
final class SentinelCensus {

	/** Discovery rounds a sentinel may be gone and unlisted before it is dropped. */
	static final int DROP_AFTER_ROUNDS = 3;

	private final Set<RedisEndpoint> configured = new HashSet<>();

	private final Set<RedisEndpoint> listed = new HashSet<>();

	private final Map<RedisEndpoint, Integer> missedRounds = new HashMap<>();

	void configured(RedisEndpoint endpoint) {
		this.configured.add(endpoint);
	}

	boolean isConfigured(RedisEndpoint endpoint) {
		return this.configured.contains(endpoint);
	}

	/**
	 * Sentinels some sentinel listed or announced.
	 * @param endpoints the sentinels listed
	 */
	void listed(Collection<RedisEndpoint> endpoints) {
		this.listed.addAll(endpoints);
	}

	/**
	 * The addresses that count as sentinels.
	 * @param addresses every address listened to, in order
	 * @return those some sentinel listed, else (none listed) all of them
	 */
	List<RedisEndpoint> sentinels(Collection<RedisEndpoint> addresses) {
		List<RedisEndpoint> sentinels = addresses.stream().filter(this.listed::contains).toList();
		return sentinels.isEmpty() ? List.copyOf(addresses) : sentinels;
	}

	/**
	 * One discovery round in which at least one sentinel answered.
	 * @param addresses every address listened to
	 * @param subscribed whether an address sends events now
	 * @param listedNow what the sentinels that answered listed
	 * @return the addresses to drop now, forgotten here
	 */
	List<RedisEndpoint> round(Collection<RedisEndpoint> addresses, Predicate<RedisEndpoint> subscribed,
			Set<RedisEndpoint> listedNow) {
		List<RedisEndpoint> gone = new ArrayList<>();
		for (RedisEndpoint address : addresses) {
			if (this.configured.contains(address) || subscribed.test(address) || listedNow.contains(address)) {
				this.missedRounds.remove(address);
			}
			else if (this.missedRounds.merge(address, 1, Integer::sum) >= DROP_AFTER_ROUNDS) {
				gone.add(address);
				this.missedRounds.remove(address);
				this.listed.remove(address);
			}
		}
		return gone;
	}

}
