package io.chartreuse.compat;

/**
 * Whether code already running keeps working once a migration has run. {@code UNKNOWN} counts as
 * breaking.
 */
public enum Verdict {
  COMPATIBLE,
  UNKNOWN,
  BREAKING;

  /** Whether the application must be stopped before this runs. */
  public boolean stopsApplication() {
    return this != COMPATIBLE;
  }

  /** The worse of two verdicts: breaking over unknown over compatible. */
  public Verdict and(Verdict other) {
    return compareTo(other) >= 0 ? this : other;
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
