package io.github.redisha.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

	@Test
	void findsMetricNamesButNotFunctionsLabelsOrVariables() {
		assertThat(PromQl.metricNames("sum by (application, cache) (rate(redis_cache_fallbacks_total"
				+ "{application=~\"$application\", result=\"hit\"}[$__rate_interval])) > 0"))
			.containsExactly("redis_cache_fallbacks_total");
		assertThat(PromQl.metricNames("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) and on(instance) b_max > 15"))
			.containsExactly("a_count", "a_sum", "b_max")
			.doesNotContain("instance");
		assertThat(PromQl.metricNames("max(increase(x_total[24h] offset 1h)) > bool 2")).containsExactly("x_total");
		assertThat(PromQl.variableMetricNames("label_values(application)")).isEmpty();
		assertThat(PromQl.variableMetricNames("label_values(jvm_info{job=\"x\"}, application)"))
			.containsExactly("jvm_info");
		assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))"))
			.containsExactly("h_bucket");
	}

}
