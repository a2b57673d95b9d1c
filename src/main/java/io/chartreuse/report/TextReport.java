package io.chartreuse.report;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import java.time.Duration;

/** Renders a run report for a person: one block per database, then the outcome. */
public final class TextReport {
  public String render(RunReport report) {
    StringBuilder out = new StringBuilder();
    for (DatabaseReport database : report.databases()) {
      out.append(database.name())
          .append(" (")
          .append(database.location())
          .append(", ")
          .append(database.engine())
          .append("): ")
          .append(database.status())
          .append('\n');
      out.append("  current ")
          .append(database.currentAfter().or(database::currentBefore).orElse("<none>"))
          .append(", head ")
          .append(database.head().orElse("<none>"))
          .append('\n');
      if (!database.applied().isEmpty()) {
        out.append("  applied ").append(String.join(", ", database.applied())).append('\n');
      } else if (!database.pending().isEmpty()) {
        out.append("  pending ");
        database.pending().stream()
            .map(PendingMigration::version)
            .reduce((a, b) -> a + ", " + b)
            .ifPresent(out::append);
        out.append('\n');
      }
      for (PendingVerdict verdict : database.verdicts()) {
        out.append("  verdict ").append(verdict.summary()).append('\n');
      }
      if (!database.ungrouped().isEmpty()) {
        out.append("  ran outside a transaction: ")
            .append(String.join(", ", database.ungrouped()))
            .append('\n');
      }
      for (HistoryProblem problem : database.problems()) {
        out.append("  drift: ")
            .append(problem.kind())
            .append(' ')
            .append(problem.version())
            .append(" (")
            .append(problem.description())
            .append("): ")
            .append(problem.detail())
            .append('\n');
      }
      database
          .schemaDrift()
          .forEach(
              difference ->
                  out.append("  schema drift: ").append(difference.describe()).append('\n'));
      database
          .misclassified()
          .forEach(
              change ->
                  out.append("  MISCLASSIFIED, judged compatible: ").append(change).append('\n'));
      database.error().ifPresent(error -> out.append("  error: ").append(error).append('\n'));
    }
    out.append("pod stopping: ").append(report.deploymentControl()).append('\n');
    if (!report.stoppedDeployments().isEmpty()) {
      out.append("stopped ")
          .append(String.join(", ", report.stoppedDeployments()))
          .append(": ")
          .append(seconds(report.stopDuration()))
          .append(" to stop, ")
          .append(seconds(report.startDuration()))
          .append(" to start again\n");
    }
    out.append("outcome: ")
        .append(report.outcome())
        .append(" (exit ")
        .append(report.exitCode())
        .append(") in ")
        .append(seconds(Duration.between(report.startedAt(), report.finishedAt())))
        .append('\n');
    report.error().ifPresent(error -> out.append("error: ").append(error).append('\n'));
    return out.toString();
  }

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
