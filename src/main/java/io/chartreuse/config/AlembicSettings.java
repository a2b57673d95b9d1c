package io.chartreuse.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to run Alembic for one database: its directory (the working directory), the ini file in it,
 * the ini section ({@code -n}, one per database in the v6 YAML) and extra arguments such as {@code
 * -x k=v}.
 */
public record AlembicSettings(
    Path directory,
    String configFile,
    Optional<String> section,
    List<String> additionalArguments,
    String python) {
  public static final String DEFAULT_DIRECTORY = "/app/alembic";
  public static final String DEFAULT_CONFIG_FILE = "alembic.ini";

  public AlembicSettings {
    additionalArguments = List.copyOf(additionalArguments);
  }
}
