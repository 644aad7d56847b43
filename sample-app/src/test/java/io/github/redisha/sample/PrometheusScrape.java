package io.github.redisha.sample;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric (sample) names of a Prometheus text exposition, e.g.
 * {@code cache_gets_total} or {@code http_server_requests_seconds_count}.
 */
final class PrometheusScrape {

	private PrometheusScrape() {
	}

	static Set<String> sampleNames(String exposition) {
		Set<String> names = new TreeSet<>();
		for (String line : exposition.split("\n")) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int end = 0;
			while (end < trimmed.length() && trimmed.charAt(end) != '{' && trimmed.charAt(end) != ' ') {
				end++;
			}
			names.add(trimmed.substring(0, end));
		}
		return names;
	}

	/**
	 * The value of the first sample named {@code name} whose labels contain
	 * {@code labelFragment}.
	 */
	static double value(String exposition, String name, String labelFragment) {
		for (String line : exposition.split("\n")) {
			if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
				if (line.contains(labelFragment)) {
					return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
		}
		throw new AssertionError("No sample " + name + " with " + labelFragment + " in the scrape");
	}

}
