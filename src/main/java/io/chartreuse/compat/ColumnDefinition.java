package io.chartreuse.compat;

import java.util.List;
import java.util.Set;

/**
 * What matters in a column definition ({@code note text NOT NULL DEFAULT ''}) for running code and
 * for locks: whether inserts that omit the column still succeed, and whether adding it rewrites the
 * table.
 */
record ColumnDefinition(String name, boolean notNull, boolean hasDefault, boolean rewrites) {
  /**
   * Functions PostgreSQL evaluates once for the ALTER (stable), so the default is stored, not
   * written per row.
   */
  private static final Set<String> STABLE =
      Set.of(
          "now",
          "current_timestamp",
          "current_date",
          "current_time",
          "localtimestamp",
          "localtime",
          "transaction_timestamp",
          "statement_timestamp",
          "current_user",
          "session_user",
          "current_schema");

  private static final Set<String> SERIAL =
      Set.of("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");
  private static final Set<String> CLAUSE_ENDS =
      Set.of(
          "not",
          "null",
          "constraint",
          "check",
          "references",
          "unique",
          "primary",
          "collate",
          "generated",
          "default");

  static ColumnDefinition read(Cursor cursor) {
    String name = cursor.name();
    List<Token> rest = cursor.rest();
    boolean notNull = false;
    boolean hasDefault = false;
    boolean rewrites = false;
    for (int i = 0; i < rest.size(); i++) {
      Token token = rest.get(i);
      if (token.is("not") && i + 1 < rest.size() && rest.get(i + 1).is("null")) {
        notNull = true;
      } else if (token.is("primary")) {
        notNull = true;
      } else if (token.is("default")) {
        hasDefault = true;
        rewrites |= volatileDefault(rest, i + 1);
      } else if (token.is("generated")
          || SERIAL.contains(token.text()) && token.kind() == Token.Kind.WORD) {
        // Identity, serial and stored generated columns fill every existing row.
        hasDefault = true;
        rewrites = true;
      }
    }
    return new ColumnDefinition(name, notNull, hasDefault, rewrites);
  }

  /**
   * A default that calls anything but a stable function is evaluated per row: the table is
   * rewritten.
   */
  private static boolean volatileDefault(List<Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == Token.Kind.WORD && CLAUSE_ENDS.contains(token.text())) {
        return false;
      }
      boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(") && token.identifier();
      boolean afterCast = i > 0 && tokens.get(i - 1).isSymbol("::");
      if (call && !afterCast && !STABLE.contains(token.text())) {
        return true;
      }
    }
    return false;
  }
}
