package io.chartreuse.config;

/** What to do with stopped Deployments when a migration fails (CHARTREUSE_ON_FAILURE). */
public enum FailurePolicy {
  /**
   * Start them again when the schema is verified unchanged: old code on the old schema serves
   * again.
   */
  RESTORE_IF_UNCHANGED,
  /** Always leave them stopped for a person to decide. */
  KEEP_STOPPED;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
