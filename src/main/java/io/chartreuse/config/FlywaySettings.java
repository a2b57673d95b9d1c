package io.chartreuse.config;

import java.util.List;
import java.util.Optional;

/** Where a Flyway history lives: migration locations and, optionally, the schema that holds the history. */
public record FlywaySettings(List<String> locations, Optional<String> schema) {
  public static final String DEFAULT_LOCATION = "filesystem:/app/migrations";

  public FlywaySettings {
    locations = List.copyOf(locations);
  }
}
