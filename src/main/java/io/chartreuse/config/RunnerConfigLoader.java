package io.chartreuse.config;

import static io.chartreuse.config.Variables.*;

import io.chartreuse.exit.ChartreuseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the runner's configuration from the environment: this project's variables, the original's
 * v4 variables, or the original's v6/v7 YAML file. Everything is validated here, before any
 * connection is made, so that bad input changes nothing.
 */
public final class RunnerConfigLoader {
  private static final String DEFAULT_OWNER_ROLE = "wiremind_owner";
  private static final String DEFAULT_WRITER_ROLE = "wiremind_writer_user";
  private static final String DEFAULT_READER_ROLE = "wiremind_reader_user";

  private final Env env;

  public RunnerConfigLoader(Env env) {
    this.env = env;
  }

  public RunnerConfig load() {
    rejectUnknownVariables();
    ConfigSource source = source();
    List<DatabaseTarget> databases =
        switch (source) {
          case CHARTREUSE ->
              List.of(
                  single(env.text(DATABASE_URL).orElseThrow(), DATABASE_URL, ALLOW_EMPTY_DATABASE));
          case ORIGINAL_V4 ->
              List.of(
                  single(env.text(ALEMBIC_URL).orElseThrow(), ALEMBIC_URL, ALEMBIC_ALLOW_EMPTY));
          case ORIGINAL_V6_YAML ->
              new MultiDatabaseFile(Path.of(env.text(MULTI_CONFIG_PATH).orElseThrow()), python())
                  .read();
        };
    ReadinessProbeSettings readinessProbe = readinessProbe();
    if (readinessProbe.enabled()) {
      databases = databases.stream().map(DatabaseTarget::withReadinessProbe).toList();
    }
    return new RunnerConfig(
        databases,
        new ReleaseSettings(
            env.text(RELEASE_NAME),
            env.bool(ENABLE_STOP_PODS, true),
            env.choice(STOP_POLICY, StopPolicy.class, StopPolicy.ALWAYS),
            env.bool(UPGRADE_BEFORE_DEPLOYMENT, false),
            env.bool(HELM_IS_INSTALL, false),
            env.text(STATUS_CONFIGMAP),
            env.text(JOB_NAME),
            env.text(POD_NAME).or(() -> env.text("HOSTNAME")),
            env.text(POD_UID),
            env.text(EPHEMERAL_CONFIGMAP),
            java.util.Arrays.stream(env.text(EPHEMERAL_RESOURCES).orElse("").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()),
        new Timeouts(
            env.seconds(DATABASE_WAIT_TIMEOUT, 300),
            env.seconds(LOCK_TIMEOUT, 300),
            env.seconds(STOP_PODS_TIMEOUT, 600),
            migrationLockTimeout()),
        readinessProbe,
        env.choice(ON_FAILURE, FailurePolicy.class, FailurePolicy.RESTORE_IF_UNCHANGED),
        env.bool(ALLOW_HISTORY_DRIFT, false),
        new SchemaDriftSettings(
            env.bool(ALLOW_SCHEMA_DRIFT, false),
            env.text(DRIFT_SCHEMAS).map(RunnerConfigLoader::names)),
        false,
        source);
  }

  private static List<String> names(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private void rejectUnknownVariables() {
    for (String name : new TreeSet<>(env.variables().keySet())) {
      if (name.startsWith("CHARTREUSE_")
          && !KNOWN.contains(name)
          && !IGNORED_LEGACY.contains(name)
          && !LAUNCHER.contains(name)
          && !name.startsWith(TEST_BED_PREFIX)) {
        throw ChartreuseException.usage(
            "unknown variable "
                + name
                + NameSuggestion.closest(name, KNOWN)
                    .map(s -> "; did you mean " + s + "?")
                    .orElse("; see the README for the variables chartreuse reads"));
      }
    }
  }

  private ConfigSource source() {
    List<String> set = new ArrayList<>();
    for (String name : List.of(DATABASE_URL, ALEMBIC_URL, MULTI_CONFIG_PATH)) {
      env.text(name).ifPresent(v -> set.add(name));
    }
    if (set.isEmpty()) {
      throw ChartreuseException.usage(
          "no database configured: set "
              + DATABASE_URL
              + " (or the original's "
              + ALEMBIC_URL
              + " or "
              + MULTI_CONFIG_PATH
              + ")");
    }
    if (set.size() > 1) {
      throw ChartreuseException.usage(
          String.join(" and ", set) + " are both set; configure the database in one way only");
    }
    if (set.get(0).equals(MULTI_CONFIG_PATH)) {
      for (String apart :
          List.of(
              DATABASE_USER,
              DATABASE_PASSWORD,
              FLYWAY_LOCATIONS,
              FLYWAY_JARS,
              DATABASE_SCHEMA,
              ENGINE)) {
        if (env.text(apart).isPresent()) {
          throw ChartreuseException.usage(
              apart
                  + " cannot be combined with "
                  + MULTI_CONFIG_PATH
                  + "; set it per database in the YAML file");
        }
      }
    }
    return switch (set.get(0)) {
      case DATABASE_URL -> ConfigSource.CHARTREUSE;
      case ALEMBIC_URL -> ConfigSource.ORIGINAL_V4;
      default -> ConfigSource.ORIGINAL_V6_YAML;
    };
  }

  private DatabaseTarget single(String rawUrl, String urlVariable, String allowEmptyVariable) {
    DatabaseUrl url =
        DatabaseUrl.parse(rawUrl, urlVariable)
            .withCredentials(
                env.text(DATABASE_USER),
                env.get(DATABASE_PASSWORD).filter(p -> !p.isEmpty()),
                DATABASE_USER);
    EngineKind engine = engine(urlVariable);
    boolean allowEmpty = env.bool(allowEmptyVariable, true);
    if (engine == EngineKind.FLYWAY) {
      return new DatabaseTarget(
          "default", url, engine, Optional.of(flywaySettings()), Optional.empty(), allowEmpty);
    }
    for (String flywayOnly : List.of(FLYWAY_LOCATIONS, FLYWAY_JARS, DATABASE_SCHEMA)) {
      if (env.text(flywayOnly).isPresent()) {
        throw ChartreuseException.usage(
            flywayOnly
                + " applies to Flyway only, but the engine is alembic; remove it or set "
                + ENGINE
                + "=flyway");
      }
    }
    AlembicSettings alembic =
        new AlembicSettings(
            alembicDirectory(),
            env.text(ALEMBIC_CONFIG_FILE_PATH).orElse(AlembicSettings.DEFAULT_CONFIG_FILE),
            Optional.empty(),
            ShellWords.split(
                env.get(ALEMBIC_ADDITIONAL_PARAMETERS).orElse(""), ALEMBIC_ADDITIONAL_PARAMETERS),
            python());
    return new DatabaseTarget(
        "default", url, engine, Optional.empty(), Optional.of(alembic), allowEmpty);
  }

  private EngineKind engine(String urlVariable) {
    Optional<String> explicit = env.text(ENGINE);
    if (explicit.isPresent()) {
      EngineKind engine = env.choice(ENGINE, EngineKind.class, EngineKind.FLYWAY);
      if (engine == EngineKind.FLYWAY && urlVariable.equals(ALEMBIC_URL)) {
        throw ChartreuseException.usage(
            ENGINE
                + "=flyway contradicts "
                + ALEMBIC_URL
                + "; use "
                + DATABASE_URL
                + " for Flyway");
      }
      return engine;
    }
    if (urlVariable.equals(ALEMBIC_URL)) {
      return EngineKind.ALEMBIC;
    }
    if (env.text(FLYWAY_LOCATIONS).isPresent() || env.text(FLYWAY_JARS).isPresent()) {
      return EngineKind.FLYWAY;
    }
    // Detected from the migrations: an Alembic project has its ini file where the original expects
    // it.
    Path ini =
        alembicDirectory()
            .resolve(
                env.text(ALEMBIC_CONFIG_FILE_PATH).orElse(AlembicSettings.DEFAULT_CONFIG_FILE));
    return Files.isRegularFile(ini) ? EngineKind.ALEMBIC : EngineKind.FLYWAY;
  }

  private Path alembicDirectory() {
    return Path.of(env.text(ALEMBIC_DIRECTORY_PATH).orElse(AlembicSettings.DEFAULT_DIRECTORY));
  }

  private FlywaySettings flywaySettings() {
    List<String> locations =
        FlywaySettings.locations(
            List.of(env.text(FLYWAY_LOCATIONS).orElse(FlywaySettings.DEFAULT_LOCATION).split(",")),
            FLYWAY_LOCATIONS);
    return new FlywaySettings(
        locations,
        env.text(DATABASE_SCHEMA),
        env.text(FLYWAY_JARS).map(v -> ApplicationJars.resolve(v, FLYWAY_JARS)).orElse(List.of()));
  }

  /** PostgreSQL reads lock_timeout 0 as "wait forever", the very thing it is set to prevent. */
  private java.time.Duration migrationLockTimeout() {
    java.time.Duration timeout = env.seconds(MIGRATION_LOCK_TIMEOUT, 5);
    if (timeout.isZero()) {
      throw ChartreuseException.usage(
          MIGRATION_LOCK_TIMEOUT
              + " must be at least 1 second (0 would let a migration wait forever for a lock)");
    }
    return timeout;
  }

  private String python() {
    return env.text(PYTHON).orElse("python3");
  }

  private ReadinessProbeSettings readinessProbe() {
    // The original enabled its Patroni wait by the mere presence of the variable, even empty.
    boolean enabled = env.bool(READINESS_PROBE, false) || env.isSet(PATRONI_POSTGRESQL);
    String timeoutVariable =
        env.text(READINESS_TIMEOUT).isPresent() ? READINESS_TIMEOUT : PATRONI_WAIT_TIMEOUT;
    return new ReadinessProbeSettings(
        enabled,
        env.text(READINESS_OWNER_ROLE).orElse(DEFAULT_OWNER_ROLE),
        env.text(READINESS_WRITER_ROLE).orElse(DEFAULT_WRITER_ROLE),
        env.text(READINESS_READER_ROLE).orElse(DEFAULT_READER_ROLE),
        env.seconds(timeoutVariable, 60));
  }
}
