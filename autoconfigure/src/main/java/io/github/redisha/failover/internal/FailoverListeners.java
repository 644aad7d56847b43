package io.github.redisha.failover.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.redisha.failover.FailoverHistory;
import io.github.redisha.failover.FailoverListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * All {@link FailoverListener} beans as one. Looked up on first use, so listeners may be
 * defined anywhere in the context; a failing listener never breaks recovery.
 *
 * @author redis-ha
 */
public final class FailoverListeners implements FailoverListener {

	private static final Log logger = LogFactory.getLog(FailoverListeners.class);

	private final @Nullable ObjectProvider<FailoverListener> provider;

	private volatile @Nullable List<FailoverListener> listeners;

	public FailoverListeners(@Nullable ObjectProvider<FailoverListener> provider) {
		this.provider = provider;
	}

	public static FailoverListeners of(List<FailoverListener> listeners) {
		FailoverListeners composite = new FailoverListeners(null);
		composite.listeners = List.copyOf(listeners);
		return composite;
	}

	private void each(Consumer<FailoverListener> action) {
		List<FailoverListener> current = this.listeners;
		if (current == null) {
			ObjectProvider<FailoverListener> beans = this.provider;
			current = (beans != null) ? beans.orderedStream().toList() : List.of();
			this.listeners = current;
		}
		for (FailoverListener listener : current) {
			try {
				action.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("redis-ha: failover listener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	@Override
	public void sentinelEvent(String type) {
		each((listener) -> listener.sentinelEvent(type));
	}

	@Override
	public void masterSwitched(FailoverHistory.MasterSwitch masterSwitch, @Nullable Duration failoverDuration) {
		each((listener) -> listener.masterSwitched(masterSwitch, failoverDuration));
	}

	@Override
	public void clientRecovered(Duration recoveryTime) {
		each((listener) -> listener.clientRecovered(recoveryTime));
	}

	@Override
	public void reconnectAttempt() {
		each(FailoverListener::reconnectAttempt);
	}

	@Override
	public void readOnlyRetried() {
		each(FailoverListener::readOnlyRetried);
	}

	@Override
	public void rejectedCommandRetried(String errorCode) {
		each((listener) -> listener.rejectedCommandRetried(errorCode));
	}

	@Override
	public void writeUnconfirmed() {
		each(FailoverListener::writeUnconfirmed);
	}

	@Override
	public void sentinelsReachable(int reachable, int known) {
		each((listener) -> listener.sentinelsReachable(reachable, known));
	}

	@Override
	public void topologyRefreshed(String cause) {
		each((listener) -> listener.topologyRefreshed(cause));
	}

	@Override
	public void redirected(String type) {
		each((listener) -> listener.redirected(type));
	}

}
