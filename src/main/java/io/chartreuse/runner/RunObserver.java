package io.chartreuse.runner;

import io.chartreuse.report.RunReport;
import java.time.Instant;
import java.util.List;

/** Told what a run does, to record it where tools read it (the status ConfigMap, Kubernetes Events). */
public interface RunObserver {
  /** Before anything is touched; may fail the run (e.g. a missing permission) while nothing has changed. */
  default void started(Instant at) {}

  default void deploymentsStopped(List<String> deployments) {}

  default void migrating(String database, int pending) {}

  default void finished(RunReport report) {}

  static RunObserver none() {
    return new RunObserver() {};
  }
}
