package io.github.redisha.test.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cut link between two groups of parties of a {@link NetworkNamespace}: every packet of
 * a connection one side opened to a port of the other is dropped, in both directions, so
 * established connections hang (TCP retransmits, as in a real partition) and new ones
 * cannot be made. Everything else keeps flowing. {@link #heal()} deletes exactly the
 * rules this cut added; connections that survived the cut resume.
 *
 * @author redis-ha
 */
public final class Cut implements AutoCloseable {

	private final NetworkNamespace namespace;

	private final String description;

	private final List<List<String>> rules;

	private boolean healed;

	Cut(NetworkNamespace namespace, Collection<Party> one, Collection<Party> other) {
		this.namespace = namespace;
		this.description = names(one) + " <-> " + names(other);
		this.rules = new ArrayList<>();
		for (Party initiator : one) {
			for (Party target : other) {
				addRule(initiator, target);
				addRule(target, initiator);
			}
		}
	}

	private void addRule(Party initiator, Party target) {
		if (target.ports().isEmpty()) {
			return;
		}
		// the connection's mark is its initiator's uid (set when it opened); its packets
		// carry the target's
		// port as destination one way and as source the other way
		this.rules.add(List.of("OUTPUT", "-p", "tcp", "-m", "connmark", "--mark", Integer.toString(initiator.uid()),
				"-m", "multiport", "--ports",
				target.ports().stream().map(String::valueOf).collect(Collectors.joining(",")), "-j", "DROP"));
	}

	void apply() {
		for (List<String> rule : this.rules) {
			this.namespace.iptables("-A", rule);
		}
	}

	/**
	 * Deletes this cut's rules. Idempotent.
	 */
	public synchronized void heal() {
		if (this.healed) {
			return;
		}
		this.healed = true;
		for (List<String> rule : this.rules) {
			this.namespace.iptables("-D", rule);
		}
		this.namespace.healed(this);
	}

	/**
	 * Whether {@link #heal()} ran.
	 * @return whether the link is whole again
	 */
	public synchronized boolean isHealed() {
		return this.healed;
	}

	@Override
	public void close() {
		heal();
	}

	@Override
	public String toString() {
		return "cut " + this.description;
	}

	private static String names(Collection<Party> parties) {
		return parties.stream().map(Party::name).collect(Collectors.joining(",", "[", "]"));
	}

}
