package io.chartreuse.cli;

/** {@code -o}: what standard output carries. */
enum OutputFormat {
  text,
  json
}
