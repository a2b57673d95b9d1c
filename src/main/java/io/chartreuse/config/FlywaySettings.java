package io.chartreuse.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a Flyway history lives: migration locations, optionally the schema that holds the history, and the
 * application jars whose {@code classpath:} locations and Java migrations Flyway reads (none: only files).
 */
public record FlywaySettings(List<String> locations, Optional<String> schema, List<Path> jars) {
  public static final String DEFAULT_LOCATION = "filesystem:/app/migrations";

  public FlywaySettings {
    locations = List.copyOf(locations);
    jars = List.copyOf(jars);
  }

  public FlywaySettings(List<String> locations, Optional<String> schema) {
    this(locations, schema, List.of());
  }
}
