package io.chartreuse.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the control plane saw happen to one namespace's Deployments and pods, timestamped on arrival
 * of the watch events (same host and wall clock as the runner's log lines): a Deployment's {@code
 * spec.replicas} going to 0 and back, a pod deleted for good, a pod becoming Running.
 */
final class ClusterRecorder implements AutoCloseable {
  enum Kind {
    SCALED_TO_ZERO,
    SCALED_BACK,
    POD_GONE,
    POD_RUNNING
  }

  /**
   * {@code deployment}: the Deployment's name, or for pods their {@code app} label (Workload names
   * pods' app after the Deployment).
   */
  /** {@code object}: the Deployment's or the pod's name (for the per-run event dump). */
  record Event(Kind kind, String deployment, Instant at, String object) {}

  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final KubernetesClient client;
  private final String namespace;

  ClusterRecorder(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  ClusterRecorder start() {
    informers.add(
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment deployment) {}

                  @Override
                  public void onUpdate(Deployment before, Deployment now) {
                    Instant at = Instant.now();
                    int was = replicas(before);
                    int is = replicas(now);
                    if (was != 0 && is == 0) {
                      events.add(
                          new Event(
                              Kind.SCALED_TO_ZERO,
                              now.getMetadata().getName(),
                              at,
                              now.getMetadata().getName()));
                    } else if (was == 0 && is != 0) {
                      events.add(
                          new Event(
                              Kind.SCALED_BACK,
                              now.getMetadata().getName(),
                              at,
                              now.getMetadata().getName()));
                    }
                  }

                  @Override
                  public void onDelete(Deployment deployment, boolean unknown) {}
                },
                0));
    informers.add(
        client
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    onUpdate(null, pod);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod now) {
                    Instant at = Instant.now();
                    if ("Running".equals(phase(now))
                        && (before == null || !"Running".equals(phase(before)))) {
                      events.add(
                          new Event(Kind.POD_RUNNING, app(now), at, now.getMetadata().getName()));
                    }
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {
                    events.add(
                        new Event(
                            Kind.POD_GONE, app(pod), Instant.now(), pod.getMetadata().getName()));
                  }
                },
                0));
    return this;
  }

  void clear() {
    events.clear();
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  private static int replicas(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private static String app(Pod pod) {
    Map<String, String> labels =
        Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
    return labels.getOrDefault("app", "");
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
