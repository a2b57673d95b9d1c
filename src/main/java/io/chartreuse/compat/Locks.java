package io.chartreuse.compat;

/** The lock risks named in findings, worded once. */
final class Locks {
  private Locks() {}

  static final String REWRITE =
      "rewrites the whole table under an ACCESS EXCLUSIVE lock (reads and writes wait)";
  static final String SCAN =
      "scans the whole table under an ACCESS EXCLUSIVE lock (reads and writes wait)";
  static final String INDEX_BUILD =
      "builds the index under a SHARE lock: writes to the table wait until it is done";
  static final String UNIQUE_BUILD =
      "builds a unique index under an ACCESS EXCLUSIVE lock (reads and writes wait)";
}
