package io.chartreuse.config;

import io.chartreuse.exit.ChartreuseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a Flyway history lives: migration locations, optionally the schema that holds the history,
 * and the application jars whose {@code classpath:} locations and Java migrations Flyway reads
 * (none: only files).
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

  /**
   * The one rule for locations, wherever they are written ({@code origin} names the variable or
   * YAML key for the message): blank entries are skipped, each must be {@code filesystem:} or
   * {@code classpath:}, and at least one must remain.
   */
  public static List<String> locations(Iterable<?> entries, String origin) {
    List<String> locations = new ArrayList<>();
    for (Object entry : entries) {
      String location = String.valueOf(entry).trim();
      if (location.isEmpty()) {
        continue;
      }
      if (!location.startsWith("filesystem:") && !location.startsWith("classpath:")) {
        throw ChartreuseException.usage(
            origin + " entry '" + location + "' must start with filesystem: or classpath:");
      }
      locations.add(location);
    }
    if (locations.isEmpty()) {
      throw ChartreuseException.usage(origin + " names no location; e.g. " + DEFAULT_LOCATION);
    }
    return locations;
  }
}
