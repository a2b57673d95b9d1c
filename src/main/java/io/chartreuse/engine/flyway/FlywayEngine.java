package io.chartreuse.engine.flyway;

import io.chartreuse.config.FlywaySettings;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.SchemaTables;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.MigrationEngine;
import io.chartreuse.engine.MigrationResult;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway in-process. Pending migrations run as one transaction (Flyway's {@code group}), so on
 * PostgreSQL a failure leaves the schema at its previous version. Migrations PostgreSQL refuses
 * inside a transaction split the run into batches (see {@link MigrationBatches}).
 */
public final class FlywayEngine implements MigrationEngine {
  private static final String HISTORY_TABLE = "flyway_schema_history";
  static final String REPEATABLE = "R:";

  private final ConnectionFactory connections;
  private final FlywaySettings settings;
  private final DataSource dataSource;
  private final ClassLoader classLoader;
  private final Log log;

  /** {@code session}: where Flyway gets its connections (the run's locked session). */
  public FlywayEngine(
      ConnectionFactory connections, DataSource session, FlywaySettings settings, Log log) {
    this.connections = connections;
    this.settings = settings;
    this.dataSource = session;
    this.classLoader = ApplicationClassLoader.of(settings.jars());
    this.log = log;
    FlywayLogBridge.sendTo(log);
  }

  @Override
  public Inspection inspect() {
    MigrationInfoService info = run(() -> configuration().load().info());
    MigrationInfo[] all = info.all();
    List<PendingMigration> pending = new ArrayList<>();
    for (MigrationInfo migration : info.pending()) {
      boolean transactional = TransactionScreen.canRunInTransaction(migration);
      pending.add(
          new PendingMigration(
              label(migration), migration.getDescription(), migration.getScript(), transactional));
    }
    Optional<String> current = Optional.ofNullable(info.current()).map(FlywayEngine::label);
    Optional<String> head =
        Arrays.stream(all)
            .filter(m -> m.isVersioned() && m.getState().isResolved())
            .map(FlywayEngine::label)
            .reduce((first, second) -> second);
    // A database with applied migrations is not empty: the extra connection and query are only for
    // a first run.
    return new Inspection(
        current, head, pending, HistoryCheck.problems(all), current.isEmpty() && isEmpty());
  }

  @Override
  public MigrationResult migrate(Inspection before) {
    return new StepwiseMigration(
            this::configuration, new InterruptedIndexes(dataSource, settings.schema(), log), log)
        .migrate(before);
  }

  /**
   * Verifies with one query that every pending versioned migration is now recorded as applied;
   * repeatable migrations (their checksum is what makes them pending) still get a full inspection.
   */
  @Override
  public Inspection afterMigration(Inspection before) {
    if (before.pending().stream().anyMatch(p -> p.version().startsWith(REPEATABLE))) {
      return inspect();
    }
    Set<String> applied;
    try (Connection connection = dataSource.getConnection()) {
      applied =
          AppliedVersions.read(connection, settings.schema(), HISTORY_TABLE).stream()
              .map(v -> MigrationVersion.fromVersion(v).getVersion())
              .collect(java.util.stream.Collectors.toSet());
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot read "
              + HISTORY_TABLE
              + " on "
              + connections.url().display()
              + ": "
              + e.getMessage());
    }
    List<PendingMigration> stillPending =
        before.pending().stream().filter(p -> !applied.contains(p.version())).toList();
    Optional<String> current =
        applied.stream()
            .map(MigrationVersion::fromVersion)
            .max(Comparator.naturalOrder())
            .map(MigrationVersion::getVersion);
    return new Inspection(current, before.head(), stillPending, before.problems(), false);
  }

  @Override
  public void replayTo(Optional<String> current) {
    if (current.isEmpty()) {
      return;
    }
    try {
      configuration().target(current.get()).load().migrate();
    } catch (FlywayException e) {
      throw ChartreuseException.failed(
          "replaying the migrations into "
              + connections.url().display()
              + " failed: "
              + FailureSummary.firstLine(e.getMessage()));
    }
  }

  /**
   * {@code chartreuse repair}: failed rows of pending migrations only, or Flyway's full repair with
   * {@code realign}.
   */
  public HistoryRepair.Summary repair(boolean realign) {
    try {
      return realign
          ? HistoryRepair.realign(configuration().load())
          : HistoryRepair.removeFailed(
              configuration().load(), dataSource, settings.schema(), HISTORY_TABLE);
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot repair "
              + HISTORY_TABLE
              + " on "
              + connections.url().display()
              + ": "
              + e.getMessage());
    } catch (FlywayException e) {
      throw ChartreuseException.failed(
          "flyway could not repair "
              + connections.url().display()
              + ": "
              + FailureSummary.firstLine(e.getMessage()));
    }
  }

  private FluentConfiguration configuration() {
    FluentConfiguration configuration =
        Flyway.configure(classLoader)
            .dataSource(dataSource)
            .locations(settings.locations().toArray(String[]::new))
            .table(HISTORY_TABLE)
            .loggers(FlywayLogBridge.class.getName())
            .group(true)
            .cleanDisabled(true)
            .failOnMissingLocations(true)
            // Validation is done by inspect() under the same lock; doing it again would re-read
            // every file.
            .validateOnMigrate(false);
    settings.schema().ifPresent(schema -> configuration.defaultSchema(schema).schemas(schema));
    // chartreuse holds its own session lock; Flyway's transactional lock would make CREATE INDEX
    // CONCURRENTLY wait forever for the transaction that holds it.
    configuration
        .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(false);
    return configuration;
  }

  private boolean isEmpty() {
    try (Connection connection = dataSource.getConnection()) {
      return !SchemaTables.hasTablesBesides(connection, settings.schema(), HISTORY_TABLE);
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot list the tables of " + connections.url().display() + ": " + e.getMessage());
    }
  }

  private <T> T run(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (FlywayException e) {
      throw ChartreuseException.failed(
          "flyway could not read "
              + connections.url().display()
              + " or its migrations: "
              + FailureSummary.firstLine(e.getMessage()));
    }
  }

  /** "1.2" for versioned migrations, "R:description" for repeatable ones. */
  static String label(MigrationInfo migration) {
    return migration.getVersion() != null
        ? migration.getVersion().getVersion()
        : REPEATABLE + migration.getDescription();
  }
}
