package io.chartreuse.workloads;

import io.chartreuse.kube.StopMark;
import io.chartreuse.log.Log;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which Deployments of a release a run stops and brings back. Its ExpectedDeploymentScales when it
 * has any (their priority and expected scale, exactly as the original); otherwise its own
 * Deployments by Helm's release annotations, each brought back to the replicas recorded in its
 * mark.
 */
final class StopPlan {
  private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private final ExpectedScales scales;
  private final OwnDeployments own;
  private final String release;
  private final Log log;

  StopPlan(ExpectedScales scales, OwnDeployments own, String release, Log log) {
    this.scales = scales;
    this.own = own;
    this.release = release;
    this.log = log;
  }

  /** Priority groups to stop, highest first; says which mode the release is in. */
  List<List<StopTarget>> toStop(Map<String, Deployment> existing) {
    List<List<StopTarget>> groups = scales.byPriorityDescending(release);
    if (!groups.isEmpty()) {
      log.info(
          "stopping the Deployments named by the ExpectedDeploymentScales of release " + release);
      return groups;
    }
    OwnDeployments.Found found = own.find(existing);
    if (!found.excluded().isEmpty()) {
      log.info(
          "left running (" + OwnDeployments.EXCLUDE + "): " + String.join(", ", found.excluded()));
    }
    if (!found.idle().isEmpty()) {
      log.info("left alone, already at 0 replicas: " + String.join(", ", found.idle()));
    }
    if (!found.targets().isEmpty()) {
      log.info(
          "no ExpectedDeploymentScale labelled for release "
              + release
              + ": stopping its own Deployments ("
              + OwnDeployments.HELM_RELEASE
              + "="
              + release
              + "): "
              + String.join(
                  ", ", found.targets().stream().map(StopTarget::deploymentName).toList()));
      return StopTarget.byPriorityDescending(found.targets());
    }
    warnNothingToStop(existing, found.excluded());
    return List.of();
  }

  /**
   * A release with Deployments and nothing to stop is worth a warning: a migration is about to run
   * under an application that was probably meant to be stopped.
   */
  private void warnNothingToStop(Map<String, Deployment> existing, List<String> excluded) {
    List<String> unannotated =
        existing.values().stream()
            .filter(d -> !own.belongs(d))
            .filter(d -> release.equals(labels(d).get(INSTANCE_LABEL)))
            .map(d -> d.getMetadata().getName())
            .toList();
    if (excluded.isEmpty() && unannotated.isEmpty()) {
      log.info(
          "no Deployments to scale down: release "
              + release
              + " has no ExpectedDeploymentScale and no Deployment annotated "
              + OwnDeployments.HELM_RELEASE
              + "="
              + release);
      return;
    }
    List<String> named = new ArrayList<>();
    excluded.forEach(name -> named.add(name + " (" + OwnDeployments.EXCLUDE + ")"));
    unannotated.forEach(
        name ->
            named.add(
                name
                    + " (labelled "
                    + INSTANCE_LABEL
                    + "="
                    + release
                    + " but not annotated "
                    + OwnDeployments.HELM_RELEASE
                    + ", e.g. rendered by Argo CD: add an ExpectedDeploymentScale for it)"));
    log.warn(
        "nothing stopped for release "
            + release
            + " although it has Deployments, which keep running while it migrates: "
            + String.join(", ", named));
  }

  /**
   * Priority groups to bring back, lowest priority first: every ExpectedDeploymentScale (their HPAs
   * are resumed whether marked or not, as the original), then the Deployments marked by this
   * release that none names, to the replicas recorded in their mark.
   */
  List<List<StopTarget>> toBringBack(Map<String, Deployment> existing) {
    Map<String, StopTarget> targets = new LinkedHashMap<>();
    scales.byPriorityDescending(release).stream()
        .flatMap(List::stream)
        .forEach(target -> targets.put(target.deploymentName(), target));
    for (Deployment deployment : existing.values()) {
      String name = deployment.getMetadata().getName();
      if (targets.containsKey(name) || !StopMark.isStoppedBy(deployment, release)) {
        continue;
      }
      OptionalInt recorded = StopMark.replicas(deployment);
      if (recorded.isEmpty()) {
        log.warn(
            "Deployment "
                + name
                + " is marked stopped by release "
                + release
                + " but neither an ExpectedDeploymentScale nor its mark ("
                + StopMark.REPLICAS
                + ") says how many replicas to bring back; scale it by hand, then remove its "
                + StopMark.ANNOTATION
                + " annotation");
        continue;
      }
      targets.put(name, new StopTarget(name, recorded.getAsInt(), lenientPriority(deployment)));
    }
    List<List<StopTarget>> groups = StopTarget.byPriorityDescending(targets.values());
    Collections.reverse(groups);
    return groups;
  }

  /** Bringing back never fails on a bad priority: it only orders the scale-ups. */
  private int lenientPriority(Deployment deployment) {
    try {
      return OwnDeployments.priority(deployment);
    } catch (RuntimeException e) {
      log.warn(e.getMessage() + "; bringing it back with priority 0");
      return 0;
    }
  }

  private static Map<String, String> labels(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
