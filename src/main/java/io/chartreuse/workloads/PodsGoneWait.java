package io.chartreuse.workloads;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.LabelSelectors;
import io.chartreuse.log.Log;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits, bounded, until the given Deployments have no pod left in any phase but Failed, saying
 * which are still running. Re-applies the scale-down now and then, in case something (Helm, an HPA)
 * scaled back up. The namespace's pods are watched (one list and one watch for the whole stop
 * phase), so the migration starts as soon as the last pod is deleted instead of at the next poll.
 */
final class PodsGoneWait implements AutoCloseable {
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
  private static final Duration RESCALE_EVERY = Duration.ofSeconds(10);

  /** Re-checks at least this often, should a watch event be lost while the informer reconnects. */
  private static final Duration RECHECK = Duration.ofSeconds(1);

  private static final Duration WATCH_POLL = Duration.ofMillis(10);

  private final Log log;
  private final Clock clock;
  private final Semaphore changed = new Semaphore(0);
  private final SharedIndexInformer<Pod> pods;

  PodsGoneWait(KubeTarget target, ApiCalls api, Log log, Clock clock) {
    this.log = log;
    this.clock = clock;
    ResourceEventHandler<Pod> signal =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            changed.release();
          }

          @Override
          public void onUpdate(Pod before, Pod after) {
            changed.release();
          }

          @Override
          public void onDelete(Pod pod, boolean finalStateUnknown) {
            changed.release();
          }
        };
    // inform() returns once the initial list is in the informer's store.
    this.pods =
        api.call(
            "list pods",
            () -> target.client().pods().inNamespace(target.namespace()).inform(signal, 0L));
  }

  /**
   * Waits (at most {@code atMost}) until the watch is open. The informer opens it only after its
   * first list; a pod deleted before then is reported late, when the watch catches up. Called
   * before the first scale-down, this costs no downtime.
   */
  void awaitWatching(Duration atMost) {
    Instant deadline = clock.instant().plus(atMost);
    while (!pods.isWatching() && clock.instant().isBefore(deadline)) {
      ApiCalls.sleep(WATCH_POLL);
    }
  }

  /**
   * {@code selectors}: Deployment name → its pod selector. {@code rescale} re-applies the
   * scale-down of one Deployment.
   */
  void await(Map<String, LabelSelector> selectors, Duration timeout, Consumer<String> rescale) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Instant nextReport = start.plus(REPORT_EVERY);
    Instant nextRescale = start.plus(RESCALE_EVERY);
    while (true) {
      changed.drainPermits();
      Map<String, Integer> living = living(selectors);
      if (living.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new ChartreuseException(
            ExitCode.TIMEOUT,
            "pods still running after "
                + timeout.toSeconds()
                + " s (CHARTREUSE_STOP_PODS_TIMEOUT): "
                + describe(living));
      }
      if (!now.isBefore(nextReport)) {
        log.info(
            "waiting for pods to be gone: " + describe(living),
            Map.of("waited_s", Duration.between(start, now).toSeconds()));
        nextReport = now.plus(REPORT_EVERY);
      }
      if (!now.isBefore(nextRescale)) {
        living.keySet().forEach(rescale);
        nextRescale = now.plus(RESCALE_EVERY);
      }
      awaitChange(RECHECK);
    }
  }

  private void awaitChange(Duration atMost) {
    try {
      changed.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChartreuseException(
          ExitCode.ERROR, "interrupted while waiting for pods to be gone");
    }
  }

  private Map<String, Integer> living(Map<String, LabelSelector> selectors) {
    List<Pod> current = pods.getStore().list();
    Map<String, Integer> living = new TreeMap<>();
    for (Pod pod : current) {
      if (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
        continue;
      }
      selectors.forEach(
          (deployment, selector) -> {
            if (LabelSelectors.matches(selector, pod.getMetadata().getLabels())) {
              living.merge(deployment, 1, Integer::sum);
            }
          });
    }
    return living;
  }

  private static String describe(Map<String, Integer> living) {
    StringBuilder text = new StringBuilder();
    living.forEach(
        (name, count) ->
            text.append(text.length() == 0 ? "" : ", ")
                .append(name)
                .append(" (")
                .append(count)
                .append(count == 1 ? " pod)" : " pods)"));
    return text.toString();
  }

  @Override
  public void close() {
    pods.close();
  }
}
