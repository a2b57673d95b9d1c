package io.chartreuse.realnode;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops the real node when JUnit closes its root context at the end of the run (a JVM shutdown hook
 * may be cut short by Maven ending the forked JVM while {@code stop} still restores the host).
 */
public final class RealNodeExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealNodeExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "real-node",
            key -> (ExtensionContext.Store.CloseableResource) RealNode::stopShared,
            ExtensionContext.Store.CloseableResource.class);
  }
}
