package io.chartreuse.workloads;

import io.chartreuse.config.BooleanValue;
import io.chartreuse.exit.ChartreuseException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A release's own Deployments, as Helm annotates every object it installs, for a release without
 * ExpectedDeploymentScales; two optional annotations on a Deployment say how it is stopped.
 */
final class OwnDeployments {
  static final String HELM_RELEASE = "meta.helm.sh/release-name";
  static final String HELM_NAMESPACE = "meta.helm.sh/release-namespace";

  /** Higher stops first, as an ExpectedDeploymentScale's priority; default 0. */
  static final String PRIORITY = "wiremind.io/stop-priority";

  /** {@code "true"}: never stopped (the database's pooler, a queue the migration needs, …). */
  static final String EXCLUDE = "wiremind.io/stop-exclude";

  /**
   * What a release holds: the Deployments to stop, those left alone by their annotation, and those
   * already at 0 replicas (left alone too: scaled down on purpose, they stay so).
   */
  record Found(List<StopTarget> targets, List<String> excluded, List<String> idle) {}

  private final String release;
  private final String namespace;

  OwnDeployments(String release, String namespace) {
    this.release = release;
    this.namespace = namespace;
  }

  /**
   * The release's Deployments to stop, each to be brought back to the replicas it has now; one
   * already marked by this release (a run killed while it was stopped) keeps the replicas recorded
   * in its mark, not its current 0. A priority that is not a whole number fails, nothing changed.
   */
  Found find(Map<String, Deployment> existing) {
    List<StopTarget> targets = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    for (Deployment deployment : existing.values()) {
      if (!belongs(deployment)) {
        continue;
      }
      String name = deployment.getMetadata().getName();
      if (isExcluded(deployment)) {
        excluded.add(name);
        continue;
      }
      int replicas = Deployments.replicasBeforeStop(deployment, release);
      if (replicas == 0) {
        idle.add(name);
      } else {
        targets.add(new StopTarget(name, replicas, priority(deployment)));
      }
    }
    return new Found(targets, excluded, idle);
  }

  /** Helm's release annotations name this release (and this namespace, when they say one). */
  boolean belongs(Deployment deployment) {
    return annotation(deployment, HELM_RELEASE).filter(release::equals).isPresent()
        && annotation(deployment, HELM_NAMESPACE).map(namespace::equals).orElse(true);
  }

  static boolean isExcluded(Deployment deployment) {
    return annotation(deployment, EXCLUDE).map(BooleanValue::parse).orElse(false);
  }

  static int priority(Deployment deployment) {
    Optional<String> value = annotation(deployment, PRIORITY).map(String::trim);
    if (value.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw ChartreuseException.usage(
          "Deployment "
              + deployment.getMetadata().getName()
              + ": annotation "
              + PRIORITY
              + " is \""
              + value.get()
              + "\", not a whole number; set it to an integer (higher stops first) or remove it");
    }
  }

  private static Optional<String> annotation(Deployment deployment, String key) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }
}
