package io.github.redisha.sample;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression (as written in the dashboard and the alert
 * rules) selects: whatever identifier remains once label matchers, ranges, grouping
 * clauses, strings, functions and keywords are removed.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"offset", "bool", "and", "or", "unless", "atan2", "inf", "nan");

	private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*)\\)\\s*$");

	private PromQl() {
	}

	/**
	 * The metric names a Grafana query variable uses: {@code label_values(label)} uses
	 * none, {@code label_values(<selector>, label)} the selector's; anything else is
	 * PromQL.
	 */
	static Set<String> variableMetricNames(String definition) {
		Matcher labelValues = LABEL_VALUES.matcher(definition);
		if (labelValues.matches()) {
			String arguments = labelValues.group(1);
			int comma = arguments.lastIndexOf(',');
			return (comma < 0) ? new TreeSet<>() : metricNames(arguments.substring(0, comma));
		}
		return metricNames(definition);
	}

	static Set<String> metricNames(String expression) {
		String stripped = STRING.matcher(expression).replaceAll(" ");
		stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String identifier = matcher.group(1);
			boolean function = matcher.group(2) != null;
			if (!function && !KEYWORDS.contains(identifier.toLowerCase())) {
				names.add(identifier);
			}
		}
		return names;
	}

}
