package io.chartreuse.config;

import java.util.Optional;

/**
 * The Kubernetes side of a run: which release's Deployments to stop and when, the mode matrix
 * inputs, and where the run is recorded (the status ConfigMap; the Job and pod, which the chart
 * passes by the downward API), and which short-lived resources of a hook Job to remove after a
 * failure.
 */
public record ReleaseSettings(
    Optional<String> releaseName,
    boolean stopPods,
    StopPolicy stopPolicy,
    boolean upgradeBeforeDeployment,
    boolean helmIsInstall,
    Optional<String> statusConfigMap,
    Optional<String> jobName,
    Optional<String> podName,
    Optional<String> podUid,
    Optional<String> ephemeralConfigMap,
    java.util.List<String> ephemeralResources) {

  public ReleaseSettings {
    ephemeralResources = java.util.List.copyOf(ephemeralResources);
  }

  /**
   * The status record's name: the chart's {@code <fullname>-status}, else derived from the release.
   */
  public Optional<String> statusConfigMapName() {
    return statusConfigMap.or(() -> releaseName.map(release -> release + "-chartreuse-status"));
  }
}
