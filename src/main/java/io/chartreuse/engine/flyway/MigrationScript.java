package io.chartreuse.engine.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;

/**
 * A pending SQL migration's statements, split by Flyway's own PostgreSQL parser (as it will execute
 * them).
 */
final class MigrationScript {
  private MigrationScript() {}

  /**
   * Empty when the script is not a SQL file found in a location (a Java migration, another
   * provider).
   */
  static Optional<List<String>> statements(Configuration configuration, String script) {
    return text(configuration, script).map(text -> parse(configuration, text));
  }

  static List<String> parse(Configuration configuration, String text) {
    List<String> statements = new ArrayList<>();
    try (SqlStatementIterator iterator =
        new PostgreSQLParser(configuration, new ParsingContext()).parse(new StringResource(text))) {
      while (iterator.hasNext()) {
        SqlStatement statement = iterator.next();
        statements.add(statement.getSql());
      }
    }
    return statements;
  }

  private static Optional<String> text(Configuration configuration, String script) {
    if (!script.endsWith(".sql")) {
      return Optional.empty();
    }
    for (Location location : configuration.getLocations()) {
      try {
        if (location.isFileSystem()) {
          Path file = Path.of(location.getRootPath()).resolve(script);
          if (Files.isRegularFile(file)) {
            return Optional.of(Files.readString(file, configuration.getEncoding()));
          }
        } else if (location.isClassPath()) {
          try (InputStream in =
              configuration
                  .getClassLoader()
                  .getResourceAsStream(location.getRootPath() + "/" + script)) {
            if (in != null) {
              return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
          }
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
