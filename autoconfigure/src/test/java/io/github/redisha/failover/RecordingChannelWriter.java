package io.github.redisha.failover;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.lettuce.core.RedisChannelWriter;

/**
 * A connection's writer for unit tests that records what is written to it and does
 * nothing else.
 *
 * @author redis-ha
 */
final class RecordingChannelWriter {

	final List<Object> written = new ArrayList<>();

	final RedisChannelWriter writer = (RedisChannelWriter) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { RedisChannelWriter.class }, (proxy, method, args) -> {
				if (method.getName().equals("write")) {
					this.written.add(args[0]);
					return args[0];
				}
				if (method.getDeclaringClass() == Object.class) {
					return switch (method.getName()) {
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> "RecordingChannelWriter";
					};
				}
				return null;
			});

	List<Object> commands() {
		List<Object> commands = new ArrayList<>();
		for (Object each : this.written) {
			if (each instanceof Collection<?> batch) {
				commands.addAll(batch);
			}
			else {
				commands.add(each);
			}
		}
		return commands;
	}

}
