package io.chartreuse.report;

/** Severity of a log line. */
public enum Level {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
