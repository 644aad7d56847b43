package io.github.redisha.test.internal;

import io.github.redisha.test.RedisTopologyException;

/**
 * A process could not bind its port (another process took it between the check and the
 * bind); the topology is retried with new ports.
 *
 * @author redis-ha
 */
final class PortInUseException extends RedisTopologyException {

	private static final long serialVersionUID = 1L;

	PortInUseException(String message) {
		super(message);
	}

}
