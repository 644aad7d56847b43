package io.github.redisha.failover;

import io.lettuce.core.RedisException;

/**
 * A safe write ({@code redis.failover.safe-write.replicas} > 0) was applied on the master
 * but did not reach the required number of replicas in time, so it may be lost if the
 * master fails now. The write was not rolled back: retry it if it must survive a
 * failover, or treat it as possibly lost.
 *
 * @author redis-ha
 * @since 0.1.0
 */
public class UnconfirmedWriteException extends RedisException {

	private final int required;

	private final long reached;

	/**
	 * Create a new instance.
	 * @param command the command's name, e.g. {@code SET}
	 * @param required the replicas required
	 * @param reached the replicas that acknowledged the write in time
	 */
	public UnconfirmedWriteException(String command, int required, long reached) {
		super(command + " was applied on the master but reached only " + reached + " of " + required
				+ " required replicas in time (redis.failover.safe-write); it may be lost if the master fails now");
		this.required = required;
		this.reached = reached;
	}

	/**
	 * The replicas required.
	 * @return the required count
	 */
	public int getRequired() {
		return this.required;
	}

	/**
	 * The replicas that acknowledged the write in time.
	 * @return the reached count
	 */
	public long getReached() {
		return this.reached;
	}

}
