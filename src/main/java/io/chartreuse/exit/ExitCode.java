package io.chartreuse.exit;

/**
 * The process exit codes of every chartreuse command (PRODUCT.md §3); the README documents them.
 */
public enum ExitCode {
  OK(0, "ok"),
  ERROR(1, "error: unexpected, or the operation failed"),
  USAGE(2, "usage error: bad flag, variable or configuration"),
  PENDING(3, "pending migrations found"),
  DRIFT(4, "drift found"),
  FAILED_MIGRATION(5, "a failed migration is recorded"),
  TIMEOUT(6, "timed out (database, lock, pods)"),
  STRANDED(7, "stranded Deployments found");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
