/**
 * Network partitions for tests: a private network namespace, one uid per party, and
 * iptables rules inside the namespace that cut the link between chosen parties and heal
 * it. Needs root; see the test kit's README.
 */
package io.github.redisha.test.partition;
