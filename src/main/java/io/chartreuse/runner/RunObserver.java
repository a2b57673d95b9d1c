package io.chartreuse.runner;

import io.chartreuse.report.RunReport;
import java.time.Instant;
import java.util.List;

/**
 * Told what a run does, to record it where tools read it (the status ConfigMap, Kubernetes Events).
 */
public interface RunObserver {
  /**
   * Before anything is touched; may fail the run (e.g. a missing permission) while nothing has
   * changed.
   */
  default void started(Instant at) {}

  default void deploymentsStopped(List<String> deployments) {}

  default void migrating(String database, int pending) {}

  default void finished(RunReport report) {}

  static RunObserver none() {
    return new RunObserver() {};
  }

  /** Tells each observer in turn. */
  static RunObserver all(List<RunObserver> observers) {
    return new RunObserver() {
      @Override
      public void started(Instant at) {
        observers.forEach(o -> o.started(at));
      }

      @Override
      public void deploymentsStopped(List<String> deployments) {
        observers.forEach(o -> o.deploymentsStopped(deployments));
      }

      @Override
      public void migrating(String database, int pending) {
        observers.forEach(o -> o.migrating(database, pending));
      }

      @Override
      public void finished(RunReport report) {
        observers.forEach(o -> o.finished(report));
      }
    };
  }
}
