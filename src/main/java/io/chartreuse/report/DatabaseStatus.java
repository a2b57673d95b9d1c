package io.chartreuse.report;

/** What happened to one database in a run. */
public enum DatabaseStatus {
  NOT_REACHED,
  UP_TO_DATE,
  PENDING,
  SKIPPED_EMPTY,
  DRIFT,
  MIGRATED,
  FAILED;

  @com.fasterxml.jackson.annotation.JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
