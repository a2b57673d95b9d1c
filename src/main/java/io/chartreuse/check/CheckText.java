package io.chartreuse.check;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.schema.diff.Difference;

/** {@code chartreuse check -o table}: one line per finding, then the verdict and the exit code. */
public final class CheckText {
  public String render(CheckReport report) {
    StringBuilder out = new StringBuilder();
    out.append(report.location())
        .append(" (")
        .append(report.engine())
        .append("): current ")
        .append(report.current().orElse("<none>"))
        .append(", head ")
        .append(report.head().orElse("<none>"))
        .append('\n');
    for (PendingMigration pending : report.pending()) {
      out.append("  pending: ")
          .append(pending.version())
          .append(' ')
          .append(pending.description())
          .append(" (")
          .append(pending.script())
          .append(')');
      report
          .verdictOf(pending)
          .ifPresent(
              verdict -> {
                out.append(": ").append(verdict.word());
                verdict.reasons().forEach(reason -> out.append("\n      ").append(reason));
                verdict.shadow().ifPresent(said -> out.append("\n      shadow: ").append(said));
              });
      out.append('\n');
    }
    for (HistoryProblem problem : report.historyDrift()) {
      out.append("  history drift: ")
          .append(problem.kind())
          .append(' ')
          .append(problem.version())
          .append(": ")
          .append(problem.detail())
          .append('\n');
    }
    out.append("  live schema compared with ").append(report.schemaReference()).append('\n');
    for (Difference difference : report.schemaDrift()) {
      out.append("  schema drift: ").append(difference.describe()).append('\n');
    }
    out.append("result: ")
        .append(verdict(report))
        .append(" (exit ")
        .append(report.exitCode())
        .append(")\n");
    return out.toString();
  }

  static String verdict(CheckReport report) {
    boolean drift = !report.historyDrift().isEmpty() || !report.schemaDrift().isEmpty();
    if (drift) {
      return "drift";
    }
    return report.pending().isEmpty() ? "clean" : report.pending().size() + " pending";
  }
}
