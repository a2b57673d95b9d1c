package io.chartreuse.workloads;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.progress.Progress;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waits (bounded) until Deployments brought back serve again: every replica updated and available,
 * as {@code kubectl rollout status} judges it, saying meanwhile how many are available.
 */
public final class AvailableWait {
  private static final Duration POLL = Duration.ofSeconds(1);

  private final Deployments deployments;
  private final Clock clock;

  public AvailableWait(Deployments deployments, Clock clock) {
    this.deployments = deployments;
    this.clock = clock;
  }

  /** Fails with exit code 6 naming those not available after {@code timeout}. */
  public void await(List<String> names, Duration timeout, Progress progress) {
    Instant deadline = clock.instant().plus(timeout);
    try (progress) {
      while (true) {
        Map<String, Deployment> existing = deployments.list();
        List<String> waiting =
            names.stream()
                .filter(existing::containsKey)
                .filter(name -> !available(existing.get(name)))
                .toList();
        if (waiting.isEmpty()) {
          return;
        }
        String counts =
            waiting.stream()
                .map(name -> name + " " + count(existing.get(name)))
                .collect(Collectors.joining(", "));
        if (!clock.instant().isBefore(deadline)) {
          throw new ChartreuseException(
              ExitCode.TIMEOUT,
              "Deployments brought back but not available after "
                  + timeout.toSeconds()
                  + " s: "
                  + counts
                  + "; see kubectl describe deployment "
                  + waiting.get(0)
                  + " (--wait sets how long to wait, 0 not at all)");
        }
        progress.show("waiting for Deployments to be available: " + counts);
        ApiCalls.sleep(POLL);
      }
    }
  }

  private static boolean available(Deployment deployment) {
    int wanted = wanted(deployment);
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return wanted == 0;
    }
    Long observed = status.getObservedGeneration();
    Long generation = deployment.getMetadata().getGeneration();
    boolean seen = observed == null || generation == null || observed >= generation;
    return seen
        && orZero(status.getUpdatedReplicas()) >= wanted
        && orZero(status.getAvailableReplicas()) >= wanted
        && orZero(status.getReplicas()) <= orZero(status.getUpdatedReplicas());
  }

  private static String count(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    int available = status == null ? 0 : orZero(status.getAvailableReplicas());
    return available + "/" + wanted(deployment);
  }

  private static int wanted(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
