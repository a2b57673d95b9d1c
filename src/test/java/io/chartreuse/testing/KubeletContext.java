package io.chartreuse.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a {@link PodRun} and its {@link ContainerRun}s use of their {@link FakeKubelet}.
 *
 * @param client the admin client of {@code cluster}
 * @param workers threads for the pods' containers
 * @param events receives one line per thing done ({@code namespace/pod: what}); never throws
 * @param closed whether the kubelet has closed (no more status patches)
 * @param podStarted called once a pod's directory is prepared, before its status is first published
 */
record KubeletContext(
    TestCluster cluster,
    KubernetesClient client,
    KubeletSettings settings,
    Executor workers,
    Consumer<String> events,
    BooleanSupplier closed,
    Consumer<PodRun> podStarted) {

  /**
   * Waits between attempts; an interrupt ends the wait and stays set for the caller's loop to see.
   */
  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
