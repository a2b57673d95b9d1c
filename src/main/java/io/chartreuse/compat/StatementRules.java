package io.chartreuse.compat;

import static io.chartreuse.compat.Verdict.COMPATIBLE;
import static io.chartreuse.compat.Verdict.UNKNOWN;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The verdict on one statement, from its tokens. Transaction control, session settings and the
 * migration tools' own history tables are bookkeeping: no finding. Anything not recognised is
 * {@code UNKNOWN}.
 */
final class StatementRules {
  private static final Set<String> BOOKKEEPING =
      Set.of("begin", "start", "commit", "end", "set", "reset", "show", "savepoint", "release");
  private static final Set<String> HISTORY_TABLES =
      Set.of("alembic_version", "flyway_schema_history");

  private StatementRules() {}

  static List<Finding> judge(List<Token> tokens) {
    if (tokens.isEmpty()
        || BOOKKEEPING.contains(tokens.get(0).text()) && tokens.get(0).kind() == Token.Kind.WORD
        || touchesHistory(tokens)) {
      return List.of();
    }
    Cursor cursor = new Cursor(tokens);
    String first = cursor.take().text();
    return switch (first) {
      case "create" -> CreateRules.judge(cursor);
      case "drop" -> DropRules.judge(cursor);
      case "alter" ->
          cursor.accept("table") ? AlterTableRules.judge(cursor) : AlterObjectRules.judge(cursor);
      case "comment" ->
          List.of(
              Finding.of(
                  COMPATIBLE, "COMMENT", "does not change what running code reads or writes"));
      case "grant" ->
          List.of(Finding.of(COMPATIBLE, "GRANT", "adds privileges; running code loses none"));
      case "insert" -> List.of(insert(cursor));
      case "copy" ->
          List.of(
              Finding.of(
                  cursor.restHasWord("from") ? COMPATIBLE : UNKNOWN,
                  "COPY " + cursor.name(),
                  cursor.restHasWord("from")
                      ? "seed data; running code's queries keep working"
                      : "not a statement chartreuse knows to be safe for running code"));
      case "vacuum", "cluster", "reindex", "refresh" -> MaintenanceRules.judge(first, cursor);
      case "analyze" ->
          List.of(Finding.of(COMPATIBLE, "ANALYZE", "refreshes planner statistics only"));
      case "do" ->
          List.of(
              Finding.of(
                  UNKNOWN, "DO block", "runs procedural code that chartreuse does not read"));
      default ->
          List.of(
              Finding.of(
                  UNKNOWN,
                  first.toUpperCase(Locale.ROOT),
                  "not a statement chartreuse knows to be safe for running code"));
    };
  }

  private static Finding insert(Cursor cursor) {
    cursor.accept("into");
    return Finding.of(
        COMPATIBLE,
        "INSERT INTO " + cursor.name(),
        "seed data; running code's queries keep working");
  }

  /**
   * Alembic's offline SQL creates and updates alembic_version; that is not the migration's own
   * change.
   */
  private static boolean touchesHistory(List<Token> tokens) {
    return tokens.stream()
        .limit(6)
        .anyMatch(t -> t.identifier() && HISTORY_TABLES.contains(t.text()));
  }
}
