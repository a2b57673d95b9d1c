package io.chartreuse.workloads;

import io.chartreuse.config.ReleaseSettings;
import io.chartreuse.log.Log;
import io.chartreuse.record.ClusterEvents;
import io.chartreuse.runner.DeploymentControl;
import java.time.Duration;
import java.util.List;

/**
 * Stops and starts the release's Deployments by the original's mode matrix: after a migration they
 * are started again, except in pre-upgrade mode on an upgrade, where Helm rolls out the new code
 * next (and the restore Job brings back what Helm does not).
 */
public final class KubernetesDeploymentControl implements DeploymentControl {
  private final ReleaseDeployments deployments;
  private final ReleaseSettings release;
  private final Duration stopTimeout;
  private final ClusterEvents events;
  private final WorkloadTrail trail;
  private final Log log;
  private String why = "a migration";

  public KubernetesDeploymentControl(
      ReleaseDeployments deployments,
      ReleaseSettings release,
      Duration stopTimeout,
      ClusterEvents events,
      WorkloadTrail trail,
      Log log) {
    this.deployments = deployments;
    this.trail = trail;
    this.release = release;
    this.stopTimeout = stopTimeout;
    this.events = events;
    this.log = log;
  }

  @Override
  public String description() {
    return "on: Deployments of release "
        + deployments.release()
        + " in namespace "
        + deployments.namespace()
        + (leftToHelm() ? " (pre-upgrade mode: Helm brings them back)" : "");
  }

  private boolean leftToHelm() {
    return release.upgradeBeforeDeployment() && !release.helmIsInstall();
  }

  @Override
  public void preflight() {
    deployments.requirePermissions();
  }

  @Override
  public List<String> stop(String why) {
    this.why = why;
    trail.because(why);
    List<String> stopped = deployments.stop(stopTimeout);
    if (!stopped.isEmpty()) {
      events.normal(
          "DeploymentsStopped", "scaled to 0 before migrating: " + String.join(", ", stopped));
    }
    return stopped;
  }

  @Override
  public void startAfterMigration() {
    if (leftToHelm()) {
      log.info(
          "pre-upgrade mode: Deployments stay stopped; Helm rolls out the new code next, and the restore Job "
              + "(chartreuse restore) brings back what Helm does not");
      return;
    }
    bringBack("DeploymentsStarted");
  }

  @Override
  public void restoreAfterFailure() {
    trail.because("a failed attempt at " + why + ", which left the schema unchanged");
    bringBack("DeploymentsRestored");
  }

  private void bringBack(String reason) {
    try {
      List<String> started = deployments.bringBack();
      if (!started.isEmpty()) {
        events.normal(reason, "scaled back: " + String.join(", ", started));
      }
    } catch (RuntimeException e) {
      events.warning("StartFailed", "could not bring back the Deployments: " + e.getMessage());
      throw new io.chartreuse.exit.ChartreuseException(
          io.chartreuse.exit.ExitCode.ERROR,
          "could not bring back the Deployments of release "
              + deployments.release()
              + ": "
              + e.getMessage()
              + "; run 'chartreuse restore' once the cause is fixed",
          e);
    }
  }
}
