package io.chartreuse.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the real control plane ({@link TestCluster#shared()}), in a
 * namespace of its own with a {@link FakeKubelet}. Test methods, constructors and lifecycle methods
 * may take parameters of type {@link TestCluster}, {@link TestNamespace} and {@link FakeKubelet}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KubeExtension.class)
public @interface KubeTest {
  /** Whether to run a {@link FakeKubelet} for the class's namespace (default true). */
  boolean kubelet() default true;
}
