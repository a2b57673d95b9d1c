package io.chartreuse.engine.flyway;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table …} statement:
 * the index it builds (names as PostgreSQL folds them) and the statement's text after the table, to
 * build the same index on an empty copy of the table and compare definitions. Or a {@code DROP
 * INDEX CONCURRENTLY [IF EXISTS] name}: {@code drop}, the index as written (maybe
 * schema-qualified), no table.
 */
record IndexStatement(
    String sql, boolean drop, boolean unique, String index, String table, String rest) {
  private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
  private static final Pattern CREATE =
      Pattern.compile(
          "^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?("
              + IDENTIFIER
              + ")\\s+ON\\s+(?:ONLY\\s+)?("
              + IDENTIFIER
              + "(?:\\s*\\.\\s*"
              + IDENTIFIER
              + ")?)(.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern DROP =
      Pattern.compile(
          "^\\s*DROP\\s+INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+EXISTS\\s+)?("
              + IDENTIFIER
              + "(?:\\s*\\.\\s*"
              + IDENTIFIER
              + ")?)\\s*(?:CASCADE|RESTRICT)?\\s*;?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COMMENTS = Pattern.compile("(?s)^(\\s*(--[^\\n]*\\n|/\\*.*?\\*/))*");

  static Optional<IndexStatement> parse(String sql) {
    String text = COMMENTS.matcher(sql).replaceFirst("");
    Matcher drop = DROP.matcher(text);
    if (drop.matches()) {
      return Optional.of(new IndexStatement(sql, true, false, drop.group(1), "", ""));
    }
    Matcher matcher = CREATE.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new IndexStatement(
            sql,
            false,
            matcher.group(1) != null,
            fold(matcher.group(2)),
            matcher.group(3).trim(),
            matcher.group(4).trim().replaceAll(";\\s*$", "")));
  }

  /**
   * The shadow statement: the same index, without CONCURRENTLY, named {@code name} on {@code
   * table}.
   */
  String on(String name, String table) {
    return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + name + " ON " + table + " " + rest;
  }

  /** An identifier as PostgreSQL stores it: unquoted ones in lower case. */
  static String fold(String identifier) {
    return identifier.startsWith("\"")
        ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
        : identifier.toLowerCase(Locale.ROOT);
  }
}
