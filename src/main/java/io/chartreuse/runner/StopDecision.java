package io.chartreuse.runner;

import io.chartreuse.compat.MigrationVerdict;
import io.chartreuse.config.StopPolicy;
import java.util.List;

/** Whether this run stops the Deployments, and why in one line, from the stop policy and the pending verdicts. */
record StopDecision(boolean stop, String why) {
  static StopDecision decide(StopPolicy policy, List<MigrationVerdict> verdicts) {
    List<String> stopping = verdicts.stream().filter(v -> v.verdict().stopsApplication()).map(MigrationVerdict::summary).toList();
    return switch (policy) {
      case ALWAYS -> new StopDecision(true, "stop policy always: stopping the Deployments for every pending migration");
      case NEVER -> new StopDecision(false, "stop policy never: migrating with the application running"
          + (stopping.isEmpty() ? "" : " although " + String.join(", ", stopping) + " may break it"));
      case BREAKING -> stopping.isEmpty()
          ? new StopDecision(false, "stop policy breaking: every pending migration is compatible, the application keeps running")
          : new StopDecision(true, "stop policy breaking: stopping the Deployments for " + String.join(", ", stopping)
              + " (unknown counts as breaking)");
    };
  }
}
