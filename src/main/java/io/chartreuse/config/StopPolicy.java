package io.chartreuse.config;

/**
 * When the release's Deployments are stopped for a migration (CHARTREUSE_STOP_POLICY), once
 * stopping is on at all (CHARTREUSE_ENABLE_STOP_PODS): for every pending migration, only when one
 * is breaking or unknown (see docs/compatibility.md), or never.
 */
public enum StopPolicy {
  ALWAYS,
  BREAKING,
  NEVER;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
