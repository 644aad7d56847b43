package io.github.redisha.sentinel;

import java.util.Optional;

import io.github.redisha.RedisEndpoint;
import io.github.redisha.failover.FailoverHistory;
import org.jspecify.annotations.Nullable;

/**
 * The master the client follows and its last switch: written on the failover thread, read
 * from anywhere.
 *
 * @author redis-ha
 */
final class FollowedMaster implements FailoverHistory {

	private volatile @Nullable RedisEndpoint master;

	private volatile @Nullable MasterSwitch lastSwitch;

	@Nullable RedisEndpoint get() {
		return this.master;
	}

	void set(RedisEndpoint master) {
		this.master = master;
	}

	void switched(MasterSwitch masterSwitch) {
		this.lastSwitch = masterSwitch;
	}

	@Override
	public Optional<MasterSwitch> lastSwitch() {
		return Optional.ofNullable(this.lastSwitch);
	}

	@Override
	public Optional<RedisEndpoint> currentMaster() {
		return Optional.ofNullable(this.master);
	}

}
