package io.github.redisha;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Java 21 a virtual thread that blocks inside {@code synchronized} pins its carrier
 * thread (JEP 491 lifted that only in Java 24), so redis-ha keeps monitors out of code an
 * application's virtual threads run, and where it uses one, nothing inside it blocks.
 * This reads the compiled classes: a new {@code synchronized} fails here until it is
 * either replaced by a {@code java.util.concurrent} lock or listed below with the reason
 * it cannot pin.
 */
class MonitorUsageTests {

	// class -> why its monitors cannot pin a virtual thread
	private static final Map<String, String> ALLOWED = Map.of("io.github.redisha.failover.InterceptedCommand",
			"field updates only, nothing inside blocks or parks; runs on Lettuce's event loop and the writing thread");

	@Test
	void monitorsOnlyWhereNothingInsideBlocks() throws Exception {
		Map<String, Set<String>> monitors = new TreeMap<>();
		Resource[] classes = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/redisha/**/*.class");
		int scanned = 0;
		for (Resource resource : classes) {
			if (!resource.getURL().toString().contains("/autoconfigure/target/classes/")) {
				continue; // the starter's code only, not tests or the test kit
			}
			scanned++;
			try (InputStream in = resource.getInputStream()) {
				new ClassReader(in).accept(new MonitorFinder(monitors), ClassReader.SKIP_DEBUG);
			}
		}
		assertThat(scanned).as("classes scanned").isGreaterThan(50);
		assertThat(monitors.keySet()).as("classes using synchronized: %s", monitors)
			.containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
	}

	private static final class MonitorFinder extends ClassVisitor {

		private final Map<String, Set<String>> monitors;

		private String type = "";

		MonitorFinder(Map<String, Set<String>> monitors) {
			super(Opcodes.ASM9);
			this.monitors = monitors;
		}

		@Override
		public void visit(int version, int access, String name, String signature, String superName,
				String[] interfaces) {
			this.type = name.replace('/', '.');
		}

		@Override
		public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
				String[] exceptions) {
			if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
				found(name);
			}
			return new MethodVisitor(Opcodes.ASM9) {

				@Override
				public void visitInsn(int opcode) {
					if (opcode == Opcodes.MONITORENTER) {
						found(name);
					}
				}

			};
		}

		private void found(String method) {
			this.monitors.computeIfAbsent(this.type, (key) -> new TreeSet<>()).add(method);
		}

	}

}
