package io.chartreuse.report;

/**
 * Renders a report as one JSON document (snake_case keys, ISO-8601 times, absent values as null).
 */
public final class JsonReport {
  public String render(Object report) {
    return StructuredOutput.json(report);
  }
}
