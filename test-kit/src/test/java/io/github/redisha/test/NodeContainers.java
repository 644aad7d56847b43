package io.github.redisha.test;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Container;
import org.testcontainers.DockerClientFactory;

/**
 * The test kit's node containers of this JVM: other JVMs may run test containers on the
 * same engine, so only this JVM's Testcontainers session counts.
 */
final class NodeContainers {

	private NodeContainers() {
	}

	static List<Container> running() {
		return list(false);
	}

	/** Also the stopped ones, which a closed node must have removed. */
	static List<Container> all() {
		return list(true);
	}

	private static List<Container> list(boolean all) {
		return DockerClientFactory.instance()
			.client()
			.listContainersCmd()
			.withShowAll(all)
			.withLabelFilter(
					Map.of(DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID))
			.exec()
			.stream()
			.filter((container) -> container.getLabels().containsKey("io.github.redisha.test.node"))
			.toList();
	}

}
