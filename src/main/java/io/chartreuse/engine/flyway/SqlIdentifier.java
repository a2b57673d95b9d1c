package io.chartreuse.engine.flyway;

/**
 * A name put into SQL text where no parameter can stand (tables, schemas, indexes): always
 * double-quoted.
 */
final class SqlIdentifier {
  private SqlIdentifier() {}

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
