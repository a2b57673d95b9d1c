package io.chartreuse.compat;

import static io.chartreuse.compat.Verdict.BREAKING;
import static io.chartreuse.compat.Verdict.COMPATIBLE;
import static io.chartreuse.compat.Verdict.UNKNOWN;

import java.util.List;
import java.util.Locale;

/**
 * {@code ALTER VIEW/FUNCTION/TYPE/SEQUENCE/…} (ALTER TABLE has its own rules): renames break, enum
 * values add.
 */
final class AlterObjectRules {
  private static final java.util.Set<String> USED_BY_CODE =
      java.util.Set.of("view", "type", "function", "procedure", "sequence", "domain");

  private AlterObjectRules() {}

  /** The cursor stands after {@code ALTER}. */
  static List<Finding> judge(Cursor cursor) {
    boolean materialized = cursor.accept("materialized");
    String kind = cursor.peek().map(Token::text).orElse("");
    cursor.take();
    cursor.accept("if", "exists");
    String name = cursor.name();
    cursor.skipParens();
    String label =
        (materialized ? "MATERIALIZED " : "") + kind.toUpperCase(Locale.ROOT) + " " + name;
    if (kind.equals("type") && cursor.accept("add", "value")) {
      return List.of(
          Finding.of(
              COMPATIBLE,
              "ADD VALUE to " + label,
              "running code never reads the new value until new code writes it"));
    }
    if (USED_BY_CODE.contains(kind)) {
      if (cursor.accept("rename")) {
        cursor.acceptAny("column", "attribute", "value");
        return List.of(
            Finding.of(BREAKING, "RENAME " + label, "running code that uses the old name fails"));
      }
      if (cursor.accept("set", "schema")) {
        return List.of(
            Finding.of(
                BREAKING,
                "SET SCHEMA of " + label,
                "running code that names it in its old schema fails"));
      }
      if (kind.equals("type") && cursor.accept("drop", "attribute")) {
        return List.of(
            Finding.of(BREAKING, "DROP ATTRIBUTE of " + label, "running code that reads it fails"));
      }
    }
    return List.of(
        Finding.of(
            UNKNOWN,
            "ALTER " + label,
            "not a change chartreuse knows to be safe for running code"));
  }
}
