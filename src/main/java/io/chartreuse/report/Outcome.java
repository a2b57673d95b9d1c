package io.chartreuse.report;

import io.chartreuse.exit.ExitCode;

/** How a run ended, and the exit code that says so. */
public enum Outcome {
  UP_TO_DATE(ExitCode.OK),
  MIGRATED(ExitCode.OK),
  /** {@code run --check-only}: inspected and recorded, nothing migrated. */
  CHECKED(ExitCode.OK),
  DRIFT(ExitCode.DRIFT),
  FAILED(ExitCode.ERROR),
  TIMED_OUT(ExitCode.TIMEOUT),
  USAGE_ERROR(ExitCode.USAGE);

  private final ExitCode exitCode;

  Outcome(ExitCode exitCode) {
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static Outcome of(ExitCode code) {
    return switch (code) {
      case TIMEOUT -> TIMED_OUT;
      case DRIFT -> DRIFT;
      case USAGE -> USAGE_ERROR;
      default -> FAILED;
    };
  }

  @com.fasterxml.jackson.annotation.JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
