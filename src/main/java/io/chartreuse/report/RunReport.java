package io.chartreuse.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The report at the end of {@code chartreuse run}: text on a terminal, one JSON document with {@code -o json}. */
public record RunReport(
    String runnerVersion,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    String deploymentControl,
    List<String> stoppedDeployments,
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
