package io.chartreuse.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The report at the end of {@code chartreuse run}: text on a terminal, one JSON document with
 * {@code -o json}. {@code stopDuration} (Deployments stopped until their pods were gone) and {@code
 * startDuration} (brought back) are the downtime the run added around the migration itself.
 */
public record RunReport(
    String runnerVersion,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    String deploymentControl,
    List<String> stoppedDeployments,
    Duration stopDuration,
    Duration startDuration,
    List<DatabaseReport> databases,
    Optional<String> error) {

  public RunReport {
    stoppedDeployments = List.copyOf(stoppedDeployments);
    databases = List.copyOf(databases);
  }

  public int exitCode() {
    return outcome.exitCode().code();
  }
}
