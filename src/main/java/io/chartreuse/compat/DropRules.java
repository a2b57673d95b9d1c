package io.chartreuse.compat;

import static io.chartreuse.compat.Verdict.BREAKING;
import static io.chartreuse.compat.Verdict.UNKNOWN;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code DROP …}: whatever running code may use, with each dropped name reported. */
final class DropRules {
  private static final Set<String> USED_BY_CODE =
      Set.of("table", "view", "function", "procedure", "type", "sequence", "schema", "domain");

  private DropRules() {}

  /** The cursor stands after {@code DROP}. */
  static List<Finding> judge(Cursor cursor) {
    boolean materialized = cursor.accept("materialized");
    String kind = cursor.peek().map(Token::text).orElse("");
    if (!USED_BY_CODE.contains(kind)) {
      return List.of(
          Finding.of(
              UNKNOWN,
              "DROP " + kind.toUpperCase(Locale.ROOT),
              "not an object chartreuse knows running code can do without"));
    }
    cursor.take();
    cursor.accept("if", "exists");
    String label =
        "DROP " + (materialized ? "MATERIALIZED " : "") + kind.toUpperCase(Locale.ROOT) + " ";
    List<Finding> findings = new ArrayList<>();
    do {
      String name = cursor.name();
      cursor.skipParens();
      findings.add(Finding.of(BREAKING, label + name, "running code that uses it fails"));
    } while (cursor.acceptSymbol(","));
    return findings;
  }
}
