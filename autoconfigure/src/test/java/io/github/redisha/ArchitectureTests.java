package io.github.redisha;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The packages' layers, as docs/architecture.md draws them, checked on the compiled main
 * classes: dependencies run one way, downwards; the two engines do not know each other;
 * the features do not reach into an engine; the client side's seams
 * ({@code failover.internal}) are for the engines only. A new import that breaks one of
 * these fails here, naming the classes.
 */
class ArchitectureTests {

	private static final String ROOT = "io.github.redisha";

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		// the test kit shares the root package name but is a module of its own
		.withImportOption((location) -> !location.contains("/test-kit/") && !location.contains("redis-ha-test"))
		.importPackages(ROOT);

	@Test
	void packagesAreFreeOfCycles() {
		// a top-level package and its internal subpackage form one slice
		check(SlicesRuleDefinition.slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
	}

	@Test
	void layersDependOnlyDownwards() {
		check(Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("Values")
			.definedBy(ROOT)
			.layer("Internal")
			.definedBy(ROOT + ".internal..")
			.layer("Credentials")
			.definedBy(ROOT + ".credentials..")
			.layer("Connection")
			.definedBy(ROOT + ".connection..")
			.layer("Client")
			.definedBy(ROOT + ".failover..")
			.layer("Sentinel")
			.definedBy(ROOT + ".sentinel..")
			.layer("Cluster")
			.definedBy(ROOT + ".cluster..")
			.layer("Features")
			.definedBy(ROOT + ".health..", ROOT + ".metrics..", ROOT + ".routing..", ROOT + ".cache..",
					ROOT + ".docker..")
			.layer("Aot")
			.definedBy(ROOT + ".aot..")
			.whereLayer("Values")
			.mayNotAccessAnyLayer()
			.whereLayer("Internal")
			.mayOnlyAccessLayers("Values")
			.whereLayer("Credentials")
			.mayOnlyAccessLayers("Values", "Internal")
			.whereLayer("Connection")
			.mayOnlyAccessLayers("Values", "Internal", "Credentials")
			.whereLayer("Client")
			.mayOnlyAccessLayers("Values", "Internal", "Connection")
			.whereLayer("Sentinel")
			.mayOnlyAccessLayers("Values", "Internal", "Client")
			.whereLayer("Cluster")
			.mayOnlyAccessLayers("Values", "Internal", "Client")
			.whereLayer("Features")
			.mayOnlyAccessLayers("Values", "Internal", "Connection", "Client")
			.whereLayer("Aot")
			.mayNotBeAccessedByAnyLayer());
	}

	@Test
	void theEnginesDoNotKnowEachOther() {
		check(ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage(ROOT + ".sentinel..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".cluster..")
			.because("a Sentinel-only change must touch only the Sentinel package"));
		check(ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage(ROOT + ".cluster..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".sentinel..")
			.because("a cluster-only change must touch only the cluster package"));
	}

	@Test
	void theClientSidesSeamsAreForTheEnginesOnly() {
		check(ArchRuleDefinition.classes()
			.that()
			.resideInAPackage(ROOT + ".failover.internal..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage(ROOT + ".failover..", ROOT + ".sentinel..", ROOT + ".cluster.."));
	}

	@Test
	void enginesExposeOnlyTheirAutoConfigurations() {
		check(ArchRuleDefinition.classes()
			.that()
			.resideInAnyPackage(ROOT + ".sentinel..", ROOT + ".cluster..")
			.and()
			.arePublic()
			.should()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.because("everything else of an engine is package-private: no feature can reach into it"));
	}

	private static void check(ArchRule rule) {
		rule.check(MAIN);
	}

}
