package io.chartreuse.compat;

import java.util.Optional;

/**
 * The verdict on one statement (or one action of an ALTER TABLE): what it does ({@code DROP COLUMN
 * orders.note}), why that is or is not safe for running code, and the lock it takes on a large
 * table, if that is a risk whatever the verdict.
 */
public record Finding(
    int line, Verdict verdict, String what, String why, Optional<String> lockRisk) {
  static Finding of(Verdict verdict, String what, String why) {
    return new Finding(0, verdict, what, why, Optional.empty());
  }

  Finding risk(String lock) {
    return new Finding(line, verdict, what, why, Optional.of(lock));
  }

  Finding at(int statementLine) {
    return new Finding(statementLine, verdict, what, why, lockRisk);
  }

  /**
   * {@code V12__cleanup.sql:3 DROP COLUMN orders.note - running code that reads it fails} (ASCII:
   * pods' logs often are).
   */
  public String describe(String script) {
    String where = line > 0 ? script + ":" + line : script;
    return where
        + (what.isEmpty() ? "" : " " + what)
        + " - "
        + why
        + lockRisk.map(r -> "; risk: " + r).orElse("");
  }
}
