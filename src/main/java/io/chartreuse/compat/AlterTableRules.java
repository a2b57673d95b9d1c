package io.chartreuse.compat;

import static io.chartreuse.compat.Verdict.BREAKING;
import static io.chartreuse.compat.Verdict.COMPATIBLE;
import static io.chartreuse.compat.Verdict.UNKNOWN;

import java.util.ArrayList;
import java.util.List;

/** {@code ALTER TABLE}: each action of the statement judged on its own. */
final class AlterTableRules {
  private static final List<String> CONSTRAINTS =
      List.of("check", "foreign", "unique", "primary", "exclude");

  private AlterTableRules() {}

  /** The cursor stands after {@code ALTER TABLE}. */
  static List<Finding> judge(Cursor cursor) {
    cursor.accept("if", "exists");
    cursor.accept("only");
    String table = cursor.name();
    cursor.acceptSymbol("*");
    if (cursor.accept("rename", "to")) {
      return List.of(
          Finding.of(
              BREAKING,
              "RENAME TABLE " + table + " TO " + cursor.name(),
              "running code that uses the old name fails"));
    }
    if (cursor.accept("set", "schema")) {
      return List.of(
          Finding.of(
              BREAKING,
              "SET SCHEMA of " + table,
              "running code that names it in its old schema fails"));
    }
    if (cursor.accept("rename", "constraint")) {
      return List.of(
          Finding.of(
              UNKNOWN,
              "RENAME CONSTRAINT on " + table,
              "running code may name the constraint (ON CONFLICT ON CONSTRAINT)"));
    }
    if (cursor.peekIs("rename")) {
      cursor.accept("rename");
      cursor.accept("column");
      String column = cursor.name();
      return List.of(
          Finding.of(
              BREAKING,
              "RENAME COLUMN " + table + "." + column,
              "running code that uses the old name fails"));
    }
    List<Finding> findings = new ArrayList<>();
    for (Cursor action : cursor.splitRest()) {
      findings.add(action(table, action));
    }
    return findings;
  }

  private static Finding action(String table, Cursor action) {
    if (action.accept("add")) {
      return add(table, action);
    }
    if (action.accept("drop")) {
      if (action.accept("constraint")) {
        action.accept("if", "exists");
        return Finding.of(
            UNKNOWN,
            "DROP CONSTRAINT " + action.name() + " on " + table,
            "running code may rely on it (ON CONFLICT, or data it guaranteed)");
      }
      action.accept("column");
      action.accept("if", "exists");
      return Finding.of(
          BREAKING,
          "DROP COLUMN " + table + "." + action.name(),
          "running code that reads it fails");
    }
    if (action.accept("alter", "constraint")) {
      return Finding.of(
          UNKNOWN,
          "ALTER CONSTRAINT " + action.name() + " on " + table,
          "changes when a constraint running code relies on is checked");
    }
    if (action.accept("alter")) {
      action.accept("column");
      return alterColumn(table, action.name(), action);
    }
    if (action.accept("validate", "constraint")) {
      return Finding.of(
          COMPATIBLE,
          "VALIDATE CONSTRAINT " + action.name() + " on " + table,
          "checks existing rows only; new writes were already checked");
    }
    if (action.accept("set", "tablespace")
        || action.accept("set", "logged")
        || action.accept("set", "unlogged")) {
      return Finding.of(
              UNKNOWN,
              "ALTER TABLE " + table + " SET TABLESPACE/LOGGED",
              "not an action chartreuse knows to be safe for running code")
          .risk(Locks.REWRITE);
    }
    String words =
        action.rest().stream().limit(3).map(Token::text).reduce((a, b) -> a + " " + b).orElse("");
    return Finding.of(
        UNKNOWN,
        "ALTER TABLE " + table + " " + words.toUpperCase(java.util.Locale.ROOT),
        "not an action chartreuse knows to be safe for running code");
  }

  private static Finding add(String table, Cursor action) {
    if (action.accept("constraint")) {
      action.name();
    }
    if (action
        .peek()
        .filter(t -> t.kind() == Token.Kind.WORD && CONSTRAINTS.contains(t.text()))
        .isPresent()) {
      return constraint(table, action);
    }
    action.accept("column");
    action.accept("if", "not", "exists");
    ColumnDefinition column = ColumnDefinition.read(action);
    String what = "ADD COLUMN " + table + "." + column.name();
    Finding finding;
    if (column.notNull() && !column.hasDefault()) {
      finding =
          Finding.of(
              BREAKING,
              what + " NOT NULL without default",
              "running code's inserts do not set it and fail");
    } else if (column.hasDefault()) {
      finding =
          Finding.of(
              COMPATIBLE,
              what + " with a default",
              "running code does not read it; its inserts get the default");
    } else {
      finding =
          Finding.of(COMPATIBLE, what, "running code does not read it; its inserts leave it NULL");
    }
    return column.rewrites() ? finding.risk(Locks.REWRITE) : finding;
  }

  private static Finding constraint(String table, Cursor action) {
    String kind = action.take().text();
    String what =
        "ADD "
            + (kind.equals("foreign")
                ? "FOREIGN KEY"
                : kind.equals("primary") ? "PRIMARY KEY" : kind.toUpperCase(java.util.Locale.ROOT))
            + " constraint on "
            + table;
    if (action.restHasWord("valid") && action.restHasWord("not")) {
      return Finding.of(
          COMPATIBLE,
          what + " NOT VALID",
          "existing rows are not checked and no long lock is taken; validate it in a later migration");
    }
    boolean unique = kind.equals("unique") || kind.equals("primary") || kind.equals("exclude");
    boolean usingIndex = action.restHasWord("using") && action.restHasWord("index");
    Finding finding = Finding.of(BREAKING, what, "running code's writes may violate it");
    if (usingIndex) {
      return finding;
    }
    return finding.risk(unique ? Locks.UNIQUE_BUILD : Locks.SCAN);
  }

  private static Finding alterColumn(String table, String column, Cursor action) {
    String what = table + "." + column;
    if (action.accept("type") || action.accept("set", "data", "type")) {
      return Finding.of(
              BREAKING,
              "ALTER COLUMN " + what + " TYPE",
              "running code reads and writes values of the old type")
          .risk(Locks.REWRITE);
    }
    if (action.accept("set", "not", "null")) {
      return Finding.of(
              BREAKING, "SET NOT NULL on " + what, "running code's inserts that leave it NULL fail")
          .risk(Locks.SCAN);
    }
    if (action.accept("drop", "default")) {
      return Finding.of(
          BREAKING,
          "DROP DEFAULT on " + what,
          "running code's inserts that omit it no longer get a value");
    }
    if (action.accept("drop", "not", "null")) {
      return Finding.of(
          UNKNOWN,
          "DROP NOT NULL on " + what,
          "running code may not expect NULLs written by the new code");
    }
    if (action.accept("set", "default")) {
      return Finding.of(
          UNKNOWN,
          "SET DEFAULT on " + what,
          "running code's inserts that omit it get a different value");
    }
    return Finding.of(
        UNKNOWN,
        "ALTER COLUMN " + what,
        "not a column change chartreuse knows to be safe for running code");
  }
}
