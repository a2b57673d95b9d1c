package io.chartreuse.check;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub Actions output of a check: workflow commands ({@code ::error title=…::message}) that
 * GitHub shows as annotations, and a Markdown step summary for {@code $GITHUB_STEP_SUMMARY}.
 */
public final class GithubOutput {
  /**
   * GitHub shows at most 10 annotations of each kind per step; more would only be noise in the log.
   */
  private static final int ANNOTATIONS = 10;

  public List<String> annotations(CheckReport report, boolean pendingFails) {
    List<String> lines = new ArrayList<>();
    String level = pendingFails ? "error" : "warning";
    for (PendingMigration pending : report.pending()) {
      lines.add(
          command(
              level,
              "pending migration",
              pending.version()
                  + " "
                  + pending.description()
                  + " ("
                  + pending.script()
                  + ")"
                  + report.verdictOf(pending).map(v -> ": " + v.word()).orElse("")));
    }
    for (HistoryProblem problem : report.historyDrift()) {
      lines.add(
          command(
              "error",
              "history drift",
              problem.kind() + " " + problem.version() + ": " + problem.detail()));
    }
    report.schemaDrift().stream()
        .limit(ANNOTATIONS)
        .forEach(difference -> lines.add(command("error", "schema drift", difference.describe())));
    if (report.schemaDrift().size() > ANNOTATIONS) {
      lines.add(
          command(
              "error",
              "schema drift",
              (report.schemaDrift().size() - ANNOTATIONS)
                  + " more difference(s) in the step summary"));
    }
    return lines;
  }

  public String summary(CheckReport report) {
    StringBuilder out =
        new StringBuilder("## chartreuse check: ").append(CheckText.verdict(report)).append("\n\n");
    out.append("| database | engine | current | head | pending | history drift | schema drift |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    out.append("| ")
        .append(cell(report.location()))
        .append(" | ")
        .append(report.engine())
        .append(" | ")
        .append(cell(report.current().orElse("none")))
        .append(" | ")
        .append(cell(report.head().orElse("none")))
        .append(" | ")
        .append(report.pending().size())
        .append(" | ")
        .append(report.historyDrift().size())
        .append(" | ")
        .append(report.schemaDrift().size())
        .append(" |\n\n");
    out.append("Live schema compared with ").append(report.schemaReference()).append(".\n");
    if (!report.schemaDrift().isEmpty()) {
      out.append("\n### Schema drift\n\n");
      report
          .schemaDrift()
          .forEach(
              difference ->
                  out.append("- `").append(difference.describe().replace("`", "'")).append("`\n"));
    }
    if (!report.pending().isEmpty()) {
      out.append("\n### Pending migrations\n\n");
      out.append("| migration | verdict | reasons |\n|---|---|---|\n");
      report
          .pending()
          .forEach(
              pending -> {
                Optional<CheckReport.PendingVerdict> verdict = report.verdictOf(pending);
                out.append("| ")
                    .append(cell(pending.version() + " " + pending.description()))
                    .append(" | ")
                    .append(verdict.map(v -> "**" + v.word() + "**").orElse("-"))
                    .append(" | ")
                    .append(
                        cell(
                            verdict
                                .map(
                                    v ->
                                        String.join(
                                            "<br>",
                                            java.util.stream.Stream.concat(
                                                    v.reasons().stream(),
                                                    v.shadow().map(s -> "shadow: " + s).stream())
                                                .toList()))
                                .orElse("")
                                .replace("\n", " ")))
                    .append(" |\n");
              });
      out.append(
          "\nA breaking or unknown migration stops the application under the stop policy"
              + " `breaking` (docs/compatibility.md).\n");
    }
    return out.toString();
  }

  private static String command(String level, String title, String message) {
    return "::"
        + level
        + " title="
        + escapeProperty("chartreuse: " + title)
        + "::"
        + escapeData(message);
  }

  /** GitHub's escaping of a workflow command's message. */
  private static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String escapeProperty(String value) {
    return escapeData(value).replace(":", "%3A").replace(",", "%2C");
  }

  private static String cell(String value) {
    return value.replace("|", "\\|");
  }
}
