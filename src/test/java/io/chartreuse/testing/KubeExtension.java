package io.chartreuse.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link KubeTest}: the control plane once per test run (stopped when the
 * run ends, if this run started it), a namespace and a fake kubelet per test class (removed after
 * the class).
 */
public final class KubeExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(KubeExtension.class);

  /** Closes the shared control plane when the JUnit run ends (the root store is closed last). */
  @SuppressWarnings("deprecation")
  private static final class ClusterHandle
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final TestCluster cluster;

    ClusterHandle(TestCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  @SuppressWarnings("deprecation")
  private static final class NamespaceHandle
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final TestNamespace namespace;

    NamespaceHandle(TestNamespace namespace) {
      this.namespace = namespace;
    }

    @Override
    public void close() {
      namespace.close();
    }
  }

  static TestCluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(
            ClusterHandle.class, k -> new ClusterHandle(TestCluster.shared()), ClusterHandle.class)
        .cluster;
  }

  static TestNamespace namespace(ExtensionContext context) {
    ExtensionContext owner = context;
    while (owner.getTestMethod().isPresent()) {
      owner = owner.getParent().orElseThrow();
    }
    Class<?> testClass = owner.getRequiredTestClass();
    ExtensionContext classContext = owner;
    boolean kubelet =
        AnnotationSupport.findAnnotation(testClass, KubeTest.class)
            .map(KubeTest::kubelet)
            .orElse(true);
    return classContext
        .getStore(STORE)
        .getOrComputeIfAbsent(
            NamespaceHandle.class,
            k ->
                new NamespaceHandle(
                    TestNamespace.create(
                        cluster(classContext), testClass.getSimpleName(), kubelet)),
            NamespaceHandle.class)
        .namespace;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    namespace(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestCluster.class || type == TestNamespace.class || type == FakeKubelet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == TestCluster.class) {
      return cluster(context);
    }
    TestNamespace ns = namespace(context);
    if (type == TestNamespace.class) {
      return ns;
    }
    if (type == FakeKubelet.class) {
      return ns.kubelet();
    }
    throw new ParameterResolutionException("unsupported parameter type " + type);
  }
}
