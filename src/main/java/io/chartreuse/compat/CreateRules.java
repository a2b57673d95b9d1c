package io.chartreuse.compat;

import static io.chartreuse.compat.Verdict.BREAKING;
import static io.chartreuse.compat.Verdict.COMPATIBLE;
import static io.chartreuse.compat.Verdict.UNKNOWN;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code CREATE …}: a new name is invisible to running code. {@code OR REPLACE} changes something
 * that may already exist and be used, so it is not judged safe.
 */
final class CreateRules {
  private static final Set<String> NEW_OBJECTS =
      Set.of("table", "view", "sequence", "type", "function", "procedure", "schema", "domain");
  private static final Set<String> TABLE_PREFIXES =
      Set.of("temporary", "temp", "unlogged", "global", "local", "materialized", "recursive");

  private CreateRules() {}

  /** The cursor stands after {@code CREATE}. */
  static List<Finding> judge(Cursor cursor) {
    boolean replace = cursor.accept("or", "replace");
    boolean unique = cursor.accept("unique");
    if (cursor.accept("index")) {
      return List.of(index(cursor, unique));
    }
    while (cursor
        .peek()
        .filter(t -> t.kind() == Token.Kind.WORD && TABLE_PREFIXES.contains(t.text()))
        .isPresent()) {
      cursor.take();
    }
    String kind = cursor.peek().map(Token::text).orElse("");
    if (!NEW_OBJECTS.contains(kind)) {
      return List.of(
          Finding.of(
              UNKNOWN,
              "CREATE " + kind.toUpperCase(Locale.ROOT),
              "not an object chartreuse knows to be safe for running code"));
    }
    cursor.take();
    cursor.accept("if", "not", "exists");
    String what = "CREATE " + kind.toUpperCase(Locale.ROOT) + " " + cursor.name();
    if (replace) {
      return List.of(
          Finding.of(
              UNKNOWN, what + " (OR REPLACE)", "replaces a definition that running code may use"));
    }
    return List.of(Finding.of(COMPATIBLE, what, "a new name; running code does not use it"));
  }

  private static Finding index(Cursor cursor, boolean unique) {
    boolean concurrently = cursor.accept("concurrently");
    cursor.accept("if", "not", "exists");
    String name = cursor.peekIs("on") ? "" : cursor.name() + " ";
    cursor.accept("on");
    cursor.accept("only");
    String what =
        "CREATE "
            + (unique ? "UNIQUE " : "")
            + "INDEX "
            + (concurrently ? "CONCURRENTLY " : "")
            + name
            + "ON "
            + cursor.name();
    Finding finding =
        unique
            ? Finding.of(BREAKING, what, "running code's writes may violate it")
            : Finding.of(
                COMPATIBLE, what, "an index does not change what running code reads or writes");
    return concurrently ? finding : finding.risk(Locks.INDEX_BUILD);
  }
}
