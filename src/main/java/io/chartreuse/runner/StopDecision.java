package io.chartreuse.runner;

import io.chartreuse.compat.MigrationVerdict;
import io.chartreuse.config.StopPolicy;
import io.chartreuse.log.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this run stops the Deployments, and why in one line, from the stop policy and the pending
 * verdicts.
 */
record StopDecision(boolean stop, String why) {
  /**
   * With {@code always} nothing is classified, as before issue 14. A run that does not stop the
   * application migrates under traffic (lock_timeout and retries, io.chartreuse.live); with pod
   * stopping off (CHARTREUSE_ENABLE_STOP_PODS) a decision to stop stops nothing, as before.
   */
  static StopDecision forRuns(StopPolicy policy, List<DatabaseRun> pending, Log log) {
    if (policy == StopPolicy.ALWAYS) {
      StopDecision always = decide(policy, List.of());
      log.info(always.why() + " (not classified; run --check-only shows the verdicts)");
      return always;
    }
    List<MigrationVerdict> verdicts = new ArrayList<>();
    for (DatabaseRun run : pending) {
      // With "breaking", once one migration stops the application the rest cannot change the
      // decision.
      boolean decided =
          policy == StopPolicy.BREAKING
              && verdicts.stream().anyMatch(v -> v.verdict().stopsApplication());
      if (!decided) {
        verdicts.addAll(run.verdicts(policy == StopPolicy.BREAKING));
      }
    }
    StopDecision decision = decide(policy, verdicts);
    log.info(decision.why());
    return decision;
  }

  /**
   * {@code run --check-only}: every pending migration classified, whatever the policy (a CI
   * reviewer sees each verdict), and the decision a run would take, logged; nothing is stopped.
   */
  static StopDecision preview(StopPolicy policy, List<DatabaseRun> pending, Log log) {
    List<MigrationVerdict> verdicts = new ArrayList<>();
    pending.forEach(run -> verdicts.addAll(run.verdicts(false)));
    StopDecision decision = decide(policy, verdicts);
    log.info("check only: a run would decide: " + decision.why());
    return decision;
  }

  static StopDecision decide(StopPolicy policy, List<MigrationVerdict> verdicts) {
    List<String> stopping =
        verdicts.stream()
            .filter(v -> v.verdict().stopsApplication())
            .map(MigrationVerdict::summary)
            .toList();
    return switch (policy) {
      case ALWAYS ->
          new StopDecision(
              true, "stop policy always: stopping the Deployments for every pending migration");
      case NEVER ->
          new StopDecision(
              false,
              "stop policy never: migrating with the application running"
                  + (stopping.isEmpty()
                      ? ""
                      : " although " + String.join(", ", stopping) + " may break it"));
      case BREAKING ->
          stopping.isEmpty()
              ? new StopDecision(
                  false,
                  "stop policy breaking: every pending migration is compatible, the application keeps running")
              : new StopDecision(
                  true,
                  "stop policy breaking: stopping the Deployments for "
                      + String.join(", ", stopping)
                      + " (unknown counts as breaking)");
    };
  }
}
