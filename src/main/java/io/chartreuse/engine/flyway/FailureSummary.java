package io.chartreuse.engine.flyway;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;

/**
 * Turns Flyway's multi-line failure report into the failing migration and a one-line database
 * error.
 */
record FailureSummary(String migration, String error) {
  private static final Pattern MIGRATION =
      Pattern.compile("(?:Migration (\\S+) failed|Failed to execute script (\\S+))");
  private static final Pattern MESSAGE = Pattern.compile("(?m)^Message\\s*:\\s*(.+)$");
  private static final Pattern SQL_STATE = Pattern.compile("(?m)^SQL State\\s*:\\s*(\\S+)");
  private static final Pattern LINE = Pattern.compile("(?m)^Line\\s*:\\s*(\\d+)");

  static FailureSummary of(FlywayException e, List<String> batch) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher migration = MIGRATION.matcher(text);
    String name =
        migration.find()
            ? (migration.group(1) != null ? migration.group(1) : migration.group(2))
            : String.join(", ", batch);
    Matcher message = MESSAGE.matcher(text);
    StringBuilder error =
        new StringBuilder(message.find() ? message.group(1).trim() : firstLine(text));
    Matcher state = SQL_STATE.matcher(text);
    if (state.find()) {
      error.append(" (SQL state ").append(state.group(1));
      Matcher line = LINE.matcher(text);
      if (line.find()) {
        error.append(", line ").append(line.group(1));
      }
      error.append(')');
    }
    return new FailureSummary(name, error.toString());
  }

  static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int newline = text.indexOf('\n');
    return newline >= 0 ? text.substring(0, newline) : text;
  }
}
