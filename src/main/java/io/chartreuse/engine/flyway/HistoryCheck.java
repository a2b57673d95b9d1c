package io.chartreuse.engine.flyway;

import io.chartreuse.engine.HistoryProblem;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Finds history drift in Flyway's view of applied versus resolved migrations, in one pass. */
final class HistoryCheck {
  private HistoryCheck() {}

  static List<HistoryProblem> problems(MigrationInfo[] all) {
    List<HistoryProblem> problems = new ArrayList<>();
    for (MigrationInfo info : all) {
      String version = FlywayEngine.label(info);
      MigrationState state = info.getState();
      if (state.isFailed()) {
        problems.add(
            new HistoryProblem(
                "failed",
                version,
                info.getDescription(),
                "recorded as failed in the history table; undo what it left half done, then 'chartreuse repair' removes the row and the next run applies it again"));
      } else if (state == MigrationState.MISSING_SUCCESS
          || state == MigrationState.FUTURE_SUCCESS) {
        problems.add(
            new HistoryProblem(
                "applied-but-missing",
                version,
                info.getDescription(),
                "applied to the database but absent from the migrations"));
      } else if (state == MigrationState.IGNORED) {
        problems.add(
            new HistoryProblem(
                "ignored",
                version,
                info.getDescription(),
                "older than the current version and never applied"));
      } else if (info.isApplied() && state.isResolved() && info.isVersioned()) {
        // A repeatable migration whose file changed is pending again (Flyway: outdated), not drift.
        if (!info.isChecksumMatching()) {
          problems.add(
              new HistoryProblem(
                  "checksum-mismatch",
                  version,
                  info.getDescription(),
                  "file "
                      + info.getScript()
                      + " has checksum "
                      + info.getResolvedChecksum()
                      + ", applied "
                      + info.getAppliedChecksum()));
        } else if (!info.isDescriptionMatching()) {
          problems.add(
              new HistoryProblem(
                  "description-mismatch",
                  version,
                  info.getResolvedDescription(),
                  "applied as '" + info.getAppliedDescription() + "'"));
        }
      }
    }
    return problems;
  }
}
