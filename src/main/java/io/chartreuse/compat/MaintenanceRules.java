package io.chartreuse.compat;

import static io.chartreuse.compat.Verdict.COMPATIBLE;

import java.util.List;

/**
 * VACUUM, CLUSTER, REINDEX, REFRESH MATERIALIZED VIEW: they change neither the schema nor what
 * running code reads or writes, but some hold an exclusive lock for as long as the table is large.
 */
final class MaintenanceRules {
  private static final String SAME = "schema and data as running code sees them are unchanged";

  private MaintenanceRules() {}

  /** The cursor stands after the first word, {@code first}. */
  static List<Finding> judge(String first, Cursor cursor) {
    boolean concurrently = cursor.restHasWord("concurrently");
    Finding finding = Finding.of(COMPATIBLE, first.toUpperCase(java.util.Locale.ROOT), SAME);
    return List.of(
        switch (first) {
          case "vacuum" -> cursor.restHasWord("full") ? finding.risk(Locks.REWRITE) : finding;
          case "cluster" -> finding.risk(Locks.REWRITE);
          case "reindex" ->
              concurrently
                  ? finding
                  : finding.risk(
                      "rebuilds the indexes under locks that block writes, and reads that use them");
          default ->
              concurrently
                  ? finding
                  : finding.risk(
                      "locks the materialized view ACCESS EXCLUSIVE while it refreshes (reads wait)");
        });
  }
}
