package io.chartreuse.realnode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2beta2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the real node shows of the shop: Deployments with their pods running, Jobs, the HPA, scaling
 * events.
 */
final class ShopState {
  private static final Map<String, Integer> EXPECTED = Map.of("shop-web", 2, "shop-worker", 1);

  private final RealNode node;
  private final String namespace;

  ShopState(RealNode node, String namespace) {
    this.node = node;
    this.namespace = namespace;
  }

  /** Every Deployment at its expected scale with that many pods ready (started by the kubelet). */
  void awaitRunning() {
    await(
        Duration.ofSeconds(120),
        "shop Deployments back at 2/1 ready pods",
        () ->
            EXPECTED.entrySet().stream()
                .allMatch(
                    e -> {
                      Deployment d =
                          node.admin()
                              .apps()
                              .deployments()
                              .inNamespace(namespace)
                              .withName(e.getKey())
                              .get();
                      return d != null
                          && e.getValue().equals(d.getSpec().getReplicas())
                          && e.getValue().equals(d.getStatus().getReadyReplicas());
                    }));
  }

  HorizontalPodAutoscaler hpa() {
    return node.admin()
        .autoscaling()
        .v2beta2()
        .horizontalPodAutoscalers()
        .inNamespace(namespace)
        .withName("shop-web")
        .get();
  }

  Job awaitJobSucceeded(String name) {
    await(
        Duration.ofSeconds(120),
        "Job " + name + " succeeded",
        () -> {
          Job job = node.admin().batch().v1().jobs().inNamespace(namespace).withName(name).get();
          return job != null
              && job.getStatus() != null
              && job.getStatus().getSucceeded() != null
              && job.getStatus().getSucceeded() > 0;
        });
    return node.admin().batch().v1().jobs().inNamespace(namespace).withName(name).get();
  }

  /** The Deployments the controller scaled to 0 (its ScalingReplicaSet events). */
  List<String> scaledDownToZero() {
    return node.admin().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "ScalingReplicaSet".equals(e.getReason()) && e.getMessage().contains(" to 0"))
        .map(e -> e.getInvolvedObject().getName())
        .distinct()
        .toList();
  }

  static void await(Duration timeout, String what, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.get()) {
      assertTrue(Instant.now().isBefore(deadline), "timed out waiting for: " + what);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
