package io.github.redisha.routing;

import java.util.ArrayList;
import java.util.List;

import io.github.redisha.internal.NodeReachability;
import io.lettuce.core.OrderingReadFromAccessor;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisURI;
import io.lettuce.core.models.role.RedisNodeDescription;

/**
 * A {@link ReadFrom} that leaves out nodes known to be unreachable. Lettuce's
 * Master/Replica connection fails a read outright when the first node it picks cannot be
 * connected, even if another replica (or the master, for {@code replica-preferred}) is
 * fine (lettuce#3502); dropping dead nodes from the selection avoids that. When every
 * selected node is known down, the selection is returned unchanged so Lettuce reports the
 * failure.
 *
 * @author redis-ha
 */
final class ReachabilityAwareReadFrom extends ReadFrom {

	private final ReadFrom delegate;

	private final NodeReachability reachability;

	ReachabilityAwareReadFrom(ReadFrom delegate, NodeReachability reachability) {
		this.delegate = delegate;
		this.reachability = reachability;
	}

	@Override
	public List<RedisNodeDescription> select(Nodes nodes) {
		List<RedisNodeDescription> selection = this.delegate.select(nodes);
		if (!this.reachability.anyUnreachable() || selection.isEmpty()) {
			return selection;
		}
		List<RedisNodeDescription> reachable = new ArrayList<>(selection.size());
		for (RedisNodeDescription node : selection) {
			RedisURI uri = node.getUri();
			if (!this.reachability.isUnreachable(uri.getHost(), uri.getPort())) {
				reachable.add(node);
			}
		}
		return reachable.isEmpty() ? selection : reachable;
	}

	@Override
	protected boolean isOrderSensitive() {
		return OrderingReadFromAccessor.isOrderSensitive(this.delegate);
	}

	ReadFrom delegate() {
		return this.delegate;
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
