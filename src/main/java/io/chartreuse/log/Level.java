package io.chartreuse.log;

/** Severity of a log line. */
public enum Level {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
