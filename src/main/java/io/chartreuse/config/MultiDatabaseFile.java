package io.chartreuse.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chartreuse.exit.ChartreuseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The original's v6/v7 multi-database YAML ({@code databases: {name: {dialect, user, password,
 * host, port, database, alembic_directory_path, …}}}), migrated in file order. Two keys of this
 * project's own let an entry use Flyway: {@code engine: flyway} and {@code flyway_locations}.
 */
final class MultiDatabaseFile {
  private static final Set<String> KEYS =
      Set.of(
          "dialect",
          "user",
          "password",
          "host",
          "port",
          "database",
          "alembic_directory_path",
          "alembic_config_file_path",
          "allow_migration_for_empty_database",
          "additional_parameters",
          "is_patroni_postgresql",
          "engine",
          "flyway_locations",
          "flyway_jars",
          "schema");

  private final Path file;
  private final String python;

  MultiDatabaseFile(Path file, String python) {
    this.file = file;
    this.python = python;
  }

  List<DatabaseTarget> read() {
    if (!Files.isRegularFile(file)) {
      throw ChartreuseException.usage(
          Variables.MULTI_CONFIG_PATH + " points to " + file + ", which is not a readable file");
    }
    Map<?, ?> root;
    try {
      Object parsed = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
      root = parsed instanceof Map<?, ?> map ? map : Map.of();
    } catch (JacksonException e) {
      throw ChartreuseException.usage(
          file
              + " is not valid YAML (line "
              + e.getLocation().getLineNr()
              + "); fix the file named by "
              + Variables.MULTI_CONFIG_PATH);
    } catch (IOException e) {
      throw ChartreuseException.usage("cannot read " + file + ": " + e.getMessage());
    }
    if (!(root.get("databases") instanceof Map<?, ?> databases) || databases.isEmpty()) {
      throw ChartreuseException.usage(
          file + ": at least one database must be configured under 'databases'");
    }
    List<DatabaseTarget> targets = new ArrayList<>();
    for (Map.Entry<?, ?> entry : databases.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> fields)) {
        throw ChartreuseException.usage(
            file + ": databases." + entry.getKey() + " must be a mapping");
      }
      targets.add(new Entry(String.valueOf(entry.getKey()), fields).target());
    }
    return targets;
  }

  /** One {@code databases.<name>} mapping; errors name the key path. */
  private final class Entry {
    private final String name;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Entry(String name, Map<?, ?> raw) {
      this.name = name;
      raw.forEach((k, v) -> fields.put(String.valueOf(k), v));
    }

    DatabaseTarget target() {
      for (String key : fields.keySet()) {
        if (!KEYS.contains(key)) {
          throw invalid(
              key,
              "is not a known key"
                  + NameSuggestion.closest(key, KEYS)
                      .map(s -> " (did you mean " + s + "?)")
                      .orElse(""));
        }
      }
      String dialect =
          DatabaseUrl.sqlalchemyDialect(text("dialect"))
              .orElseThrow(
                  () ->
                      invalid(
                          "dialect",
                          "'"
                              + text("dialect")
                              + "' is not supported; chartreuse migrates PostgreSQL: use postgresql or postgresql+<driver>, e.g. postgresql+psycopg2"));
      int port = port();
      DatabaseUrl url =
          new DatabaseUrl(
              hostPort(text("host"), port),
              text("database"),
              Map.of(),
              text("user"),
              new Secret(text("password")),
              dialect);
      boolean allowEmpty = bool("allow_migration_for_empty_database", true);
      // v6.1.0's per-database Patroni wait: the readiness probe for this database only.
      boolean waitForRoles = bool("is_patroni_postgresql", false);
      EngineKind engine = engine();
      if (engine == EngineKind.FLYWAY) {
        List<String> locations = locations();
        return new DatabaseTarget(
            name,
            url,
            engine,
            Optional.of(new FlywaySettings(locations, optionalText("schema"), jars())),
            Optional.empty(),
            allowEmpty,
            waitForRoles);
      }
      AlembicSettings alembic =
          new AlembicSettings(
              Path.of(text("alembic_directory_path")),
              optionalText("alembic_config_file_path").orElse(AlembicSettings.DEFAULT_CONFIG_FILE),
              Optional.of(name),
              ShellWords.split(
                  optionalText("additional_parameters").orElse(""), path("additional_parameters")),
              python);
      return new DatabaseTarget(
          name, url, engine, Optional.empty(), Optional.of(alembic), allowEmpty, waitForRoles);
    }

    private EngineKind engine() {
      Optional<String> engine = optionalText("engine");
      if (engine.isEmpty()) {
        return fields.containsKey("flyway_locations") ? EngineKind.FLYWAY : EngineKind.ALEMBIC;
      }
      try {
        return EngineKind.valueOf(engine.get().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid("engine", "must be flyway or alembic");
      }
    }

    /** Application jars (comma-separated or a list), as CHARTREUSE_FLYWAY_JARS. */
    private List<Path> jars() {
      Object raw = fields.get("flyway_jars");
      if (raw == null) {
        return List.of();
      }
      String value =
          raw instanceof List<?> list
              ? String.join(",", list.stream().map(String::valueOf).toList())
              : String.valueOf(raw);
      return ApplicationJars.resolve(value, path("flyway_jars"));
    }

    private List<String> locations() {
      Object raw = fields.getOrDefault("flyway_locations", FlywaySettings.DEFAULT_LOCATION);
      return FlywaySettings.locations(
          raw instanceof List<?> list ? list : List.of(String.valueOf(raw).split(",")),
          path("flyway_locations"));
    }

    private String hostPort(String host, int port) {
      return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private int port() {
      Object raw = fields.get("port");
      if (raw == null) {
        throw invalid("port", "is required");
      }
      try {
        int port =
            raw instanceof Number number
                ? number.intValue()
                : Integer.parseInt(String.valueOf(raw).trim());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid("port", "must be a number from 1 to 65535");
    }

    private boolean bool(String key, boolean fallback) {
      Object raw = fields.get(key);
      if (raw == null) {
        return fallback;
      }
      if (raw instanceof Boolean value) {
        return value;
      }
      throw invalid(key, "must be true or false");
    }

    private String text(String key) {
      return optionalText(key).orElseThrow(() -> invalid(key, "is required"));
    }

    private Optional<String> optionalText(String key) {
      Object raw = fields.get(key);
      if (raw == null) {
        return Optional.empty();
      }
      if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
        throw invalid(key, "must be a plain value");
      }
      String value = String.valueOf(raw);
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private String path(String key) {
      return file + ": databases." + name + "." + key;
    }

    private ChartreuseException invalid(String key, String problem) {
      return ChartreuseException.usage(path(key) + " " + problem);
    }
  }
}
