package io.chartreuse.compat;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;

/**
 * Splits a script into statements with Flyway's PostgreSQL parser, the one that will execute it:
 * the statements judged are exactly those that will run (dollar quoting, DO blocks, function
 * bodies, nested comments, E'' strings, COPY data).
 */
final class ScriptStatements {
  /** One statement and the line it starts on (1-based, comments before it not counted). */
  record Statement(int line, String sql) {}

  private ScriptStatements() {}

  /**
   * Flyway replaces ${…} before parsing; here a quoted name of the same line stands in for its
   * value.
   */
  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\$\\{[^}\n\"]*}");

  /**
   * Built once: a Flyway configuration looks its plugins up on the class path, which costs more
   * than a parse.
   */
  private static final ClassicConfiguration CONFIGURATION = configuration();

  private static ClassicConfiguration configuration() {
    ClassicConfiguration configuration = new ClassicConfiguration();
    configuration.setPlaceholderReplacement(false);
    return configuration;
  }

  static List<Statement> split(String script) {
    script =
        PLACEHOLDER
            .matcher(script)
            .replaceAll(m -> java.util.regex.Matcher.quoteReplacement('"' + m.group() + '"'));
    List<Statement> statements = new ArrayList<>();
    try (SqlStatementIterator iterator =
        new PostgreSQLParser(CONFIGURATION, new ParsingContext())
            .parse(new StringResource(script))) {
      while (iterator.hasNext()) {
        SqlStatement statement = iterator.next();
        statements.add(new Statement(statement.getLineNumber(), statement.getSql()));
      }
    }
    return statements;
  }
}
