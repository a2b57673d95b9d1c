package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * What a {@link FakeKubelet} does about each pod event, decided one at a time on a single control
 * thread (the slow parts run on the workers): bind a pending pod to the fake Node, start a {@link
 * PodRun} for a pod bound there, stop it and delete the pod (grace period 0) once deletion is
 * requested, forget it once it is gone.
 */
final class PodReconciler {
  private static final Duration MAX_GRACE = Duration.ofSeconds(5);

  private final KubeletContext context;
  private final ExecutorService control;

  /** The one namespace watched, or null: every namespace that {@link #namespaceFilter} accepts. */
  private final String namespace;

  private final Predicate<String> namespaceFilter;
  private final Map<String, Boolean> namespaceDecisions = new ConcurrentHashMap<>();
  private final Map<String, PodRun> runs = new ConcurrentHashMap<>();
  private final Set<String> bindRequested = ConcurrentHashMap.newKeySet();
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();

  PodReconciler(
      KubeletContext context,
      ExecutorService control,
      String namespace,
      Predicate<String> namespaceFilter) {
    this.context = context;
    this.control = control;
    this.namespace = namespace;
    this.namespaceFilter = namespaceFilter;
  }

  /** Queues a pod event ({@code gone}: the pod was deleted from the API) for the control thread. */
  void submit(Pod pod, boolean gone) {
    if (context.closed().getAsBoolean()) {
      return;
    }
    try {
      control.execute(
          () -> {
            try {
              reconcile(pod, gone);
            } catch (RuntimeException e) {
              System.err.println(
                  "[fake-kubelet] "
                      + pod.getMetadata().getNamespace()
                      + "/"
                      + pod.getMetadata().getName()
                      + ": "
                      + e);
            }
          });
    } catch (RejectedExecutionException ignored) {
      // closing
    }
  }

  private void reconcile(Pod pod, boolean gone) {
    String uid = pod.getMetadata().getUid();
    String name = pod.getMetadata().getName();
    String ns = pod.getMetadata().getNamespace();
    if (namespace == null && !runs.containsKey(uid) && !acceptsNamespace(ns)) {
      return;
    }
    if (gone) {
      PodRun run = runs.remove(uid);
      if (run != null) {
        context.workers().execute(() -> run.stop(Duration.ZERO));
      }
      bindRequested.remove(uid);
      deleting.remove(uid);
      return;
    }
    String node = pod.getSpec().getNodeName();
    boolean deletionRequested = pod.getMetadata().getDeletionTimestamp() != null;
    if (node == null || node.isEmpty()) {
      if (!deletionRequested && bindRequested.add(uid)) {
        context.workers().execute(() -> bind(ns, name, uid));
      }
      return;
    }
    if (!TestCluster.NODE_NAME.equals(node)) {
      return;
    }
    if (deletionRequested) {
      if (deleting.add(uid)) {
        PodRun run = runs.get(uid);
        long grace =
            Optional.ofNullable(pod.getMetadata().getDeletionGracePeriodSeconds()).orElse(30L);
        context
            .workers()
            .execute(
                () -> {
                  if (run != null) {
                    run.stop(
                        Duration.ofSeconds(grace).compareTo(MAX_GRACE) < 0
                            ? Duration.ofSeconds(grace)
                            : MAX_GRACE);
                  }
                  forceDelete(ns, name);
                });
      }
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (!runs.containsKey(uid) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
      PodRun run = new PodRun(pod, context);
      runs.put(uid, run);
      context.workers().execute(run::start);
    }
  }

  private boolean acceptsNamespace(String ns) {
    return namespaceDecisions.computeIfAbsent(
        ns,
        n -> {
          boolean accepted = namespaceFilter.test(n);
          context
              .events()
              .accept(
                  n
                      + ": "
                      + (accepted
                          ? "serving this namespace's pods"
                          : "leaving this namespace's pods alone"));
          return accepted;
        });
  }

  private void bind(String ns, String name, String uid) {
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withUid(uid)
            .endMetadata()
            .withNewTarget()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(TestCluster.NODE_NAME)
            .endTarget()
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        context.client().bindings().inNamespace(ns).resource(binding).create();
        context.events().accept(ns + "/" + name + ": bound to " + TestCluster.NODE_NAME);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409
            || e.getCode() == 404
            || attempt >= 5
            || context.closed().getAsBoolean()) {
          return; // already bound, or gone
        }
        KubeletContext.sleep(Duration.ofMillis(200L * attempt));
      }
    }
  }

  private void forceDelete(String ns, String name) {
    try {
      context.client().pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
      context.events().accept(ns + "/" + name + ": containers stopped, pod deleted");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        System.err.println(
            "[fake-kubelet] could not delete pod " + ns + "/" + name + ": " + e.getMessage());
      }
    }
  }

  /** Ends the control thread and stops every pod's containers (2 s grace, all pods at once). */
  void close() {
    control.shutdownNow();
    List<Thread> stoppers = new ArrayList<>();
    for (PodRun run : runs.values()) {
      Thread t = new Thread(() -> run.stop(Duration.ofSeconds(2)), "fake-kubelet-stop");
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    runs.clear();
  }
}
