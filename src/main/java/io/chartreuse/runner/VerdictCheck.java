package io.chartreuse.runner;

import io.chartreuse.compat.MigrationVerdict;
import io.chartreuse.log.Log;
import io.chartreuse.schema.diff.BreakingChanges;
import java.util.List;

/**
 * After a migration that ran with the application up, the verdicts are checked against what the
 * migration did to the schema: a change that breaks running code while every verdict said
 * compatible is a misclassification, said loudly (the log, the report, the status record, an
 * Event). With a breaking or unknown verdict in the set (policy never) such a change was expected.
 */
final class VerdictCheck {
  private VerdictCheck() {}

  /** The breaking changes that contradict the verdicts, in words; empty when none does. */
  static List<String> contradictions(
      List<MigrationVerdict> verdicts, List<BreakingChanges.Change> changes) {
    boolean judgedCompatible =
        !verdicts.isEmpty() && verdicts.stream().noneMatch(v -> v.verdict().stopsApplication());
    if (!judgedCompatible) {
      return List.of();
    }
    return changes.stream().map(BreakingChanges.Change::describe).toList();
  }

  static void warn(String database, List<MigrationVerdict> verdicts, List<String> found, Log log) {
    log.warn(
        database
            + ": MISCLASSIFIED: "
            + String.join(", ", verdicts.stream().map(MigrationVerdict::summary).toList())
            + " ran with the application up, but the schema changed in a way that breaks the"
            + " running code:");
    found.forEach(line -> log.warn(database + ":   " + line));
    log.warn(
        database
            + ": check the running application now; then correct the migration's chartreuse:"
            + " declaration, or report the rule that missed it (docs/compatibility.md)");
  }
}
