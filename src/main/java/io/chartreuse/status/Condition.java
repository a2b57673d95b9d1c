package io.chartreuse.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A condition of the status record in the Kubernetes community's kstatus shape ({@code Ready},
 * {@code Reconciling}, {@code Stalled}; {@code "True"}/{@code "False"} with a reason and a
 * message), so that GitOps tools and scripts that know kstatus read a migration's health without
 * knowing chartreuse's outcomes. Derived from the last run when the record is written; the field
 * names are Kubernetes', not the record's snake case.
 */
public record Condition(
    @JsonProperty("type") String type,
    @JsonProperty("status") String status,
    @JsonProperty("reason") String reason,
    @JsonProperty("message") String message,
    @JsonProperty("lastTransitionTime") Instant lastTransitionTime) {

  static List<Condition> of(
      StatusDocument.LastRun run, List<StatusDocument.DatabaseEntry> databases, Instant at) {
    long pending = databases.stream().mapToLong(d -> d.pending().size()).sum();
    String error = run.error().orElse(run.outcome());
    return switch (run.outcome()) {
      case "running" ->
          three(
              at,
              false,
              "Migrating",
              "a migration run started at " + run.startedAt() + " is in progress",
              true,
              false);
      case "migrated" -> ready(at, "Migrated", "every database migrated to its head");
      case "up-to-date" -> ready(at, "UpToDate", "every database is at its head");
      case "checked" ->
          pending == 0
              ? ready(at, "Checked", "inspected: every database is at its head")
              : three(
                  at,
                  false,
                  "PendingMigrations",
                  pending + " migration(s) pending; inspected only, nothing migrated",
                  false,
                  false);
      case "drift" -> stalled(at, "Drift", error);
      case "timed-out" -> stalled(at, "TimedOut", error);
      case "usage-error" -> stalled(at, "InvalidConfiguration", error);
      default -> stalled(at, "MigrationFailed", error);
    };
  }

  private static List<Condition> ready(Instant at, String reason, String message) {
    return three(at, true, reason, message, false, false);
  }

  private static List<Condition> stalled(Instant at, String reason, String message) {
    return three(at, false, reason, message, false, true);
  }

  /** The three conditions, each with the same reason and message (the one state they describe). */
  private static List<Condition> three(
      Instant at,
      boolean ready,
      String reason,
      String message,
      boolean reconciling,
      boolean stalled) {
    return List.of(
        new Condition("Ready", bool(ready), reason, message, at),
        new Condition("Reconciling", bool(reconciling), reason, message, at),
        new Condition("Stalled", bool(stalled), reason, message, at));
  }

  private static String bool(boolean value) {
    return value ? "True" : "False";
  }
}
