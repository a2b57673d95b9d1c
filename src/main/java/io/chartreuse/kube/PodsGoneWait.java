package io.chartreuse.kube;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.report.Log;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Waits, bounded, until the given Deployments have no pod left in any phase but Failed, saying which are
 * still running. Re-applies the scale-down now and then, in case something (Helm, an HPA) scaled back up.
 */
final class PodsGoneWait {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
  private static final Duration RESCALE_EVERY = Duration.ofSeconds(10);

  private final KubeTarget target;
  private final ApiCalls api;
  private final Log log;
  private final Clock clock;

  PodsGoneWait(KubeTarget target, ApiCalls api, Log log, Clock clock) {
    this.target = target;
    this.api = api;
    this.log = log;
    this.clock = clock;
  }

  /** {@code selectors}: Deployment name → its pod selector. {@code rescale} re-applies the scale-down of one Deployment. */
  void await(Map<String, LabelSelector> selectors, Duration timeout, Consumer<String> rescale) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Instant nextReport = start.plus(REPORT_EVERY);
    Instant nextRescale = start.plus(RESCALE_EVERY);
    while (true) {
      Map<String, Integer> living = living(selectors);
      if (living.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new ChartreuseException(ExitCode.TIMEOUT,
            "pods still running after " + timeout.toSeconds() + " s (CHARTREUSE_STOP_PODS_TIMEOUT): " + describe(living));
      }
      if (!now.isBefore(nextReport)) {
        log.info("waiting for pods to be gone: " + describe(living),
            Map.of("waited_s", Duration.between(start, now).toSeconds()));
        nextReport = now.plus(REPORT_EVERY);
      }
      if (!now.isBefore(nextRescale)) {
        living.keySet().forEach(rescale);
        nextRescale = now.plus(RESCALE_EVERY);
      }
      ApiCalls.sleep(POLL);
    }
  }

  private Map<String, Integer> living(Map<String, LabelSelector> selectors) {
    List<Pod> pods = api.call("list pods",
        () -> target.client().pods().inNamespace(target.namespace()).list().getItems());
    Map<String, Integer> living = new TreeMap<>();
    for (Pod pod : pods) {
      if (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
        continue;
      }
      selectors.forEach((deployment, selector) -> {
        if (LabelSelectors.matches(selector, pod.getMetadata().getLabels())) {
          living.merge(deployment, 1, Integer::sum);
        }
      });
    }
    return living;
  }

  private static String describe(Map<String, Integer> living) {
    StringBuilder text = new StringBuilder();
    living.forEach((name, count) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(" (").append(count)
        .append(count == 1 ? " pod)" : " pods)"));
    return text.toString();
  }
}
