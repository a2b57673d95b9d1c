package io.chartreuse.check;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.SessionDataSource;
import io.chartreuse.engine.MigrationEngine;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import io.chartreuse.runner.EngineFactory;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.schema.diff.BreakingChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema the applied migrations give: they are replayed, up to the live database's current
 * version, into an empty scratch database (the shadow) by the same engine that owns the live one
 * (Flyway in-process, Alembic as its subprocess), which is then snapshotted; then the pending ones
 * are applied there one at a time, so that the schema diff of each is judged too.
 */
final class ShadowReplay {
  private final DatabaseUrl shadow;
  private final CatalogReader reader;
  private final Log log;

  ShadowReplay(DatabaseUrl shadow, CatalogReader reader, Log log) {
    this.shadow = shadow;
    this.reader = reader;
    this.log = log;
  }

  /**
   * What one pending migration did to the shadow's schema: the changes that break code written for
   * the schema before it, or why it could not be applied there.
   */
  record Step(List<String> breaking, Optional<String> failure) {}

  SchemaSnapshot replay(DatabaseTarget target, Optional<String> current, Duration connectTimeout) {
    return onShadow(
        target,
        connectTimeout,
        (engine, connection) -> {
          if (!reader.read(connection).tables().isEmpty()) {
            throw ChartreuseException.usage(
                "the --shadow-url database "
                    + shadow.display()
                    + " is not empty; give an empty scratch database");
          }
          engine.replayTo(current);
          return reader.read(connection);
        });
  }

  /**
   * Applies the pending migrations to the shadow (already replayed to the current version) one at a
   * time, snapshotting after each, so that each migration's own schema changes are judged
   * (BreakingChanges). After a failure the later ones are not applied.
   */
  Map<String, Step> applyPending(
      DatabaseTarget target,
      SchemaSnapshot replayed,
      List<PendingMigration> pending,
      Duration connectTimeout) {
    return onShadow(
        target,
        connectTimeout,
        (engine, connection) -> {
          Map<String, Step> steps = new LinkedHashMap<>();
          SchemaSnapshot before = replayed;
          for (PendingMigration migration : pending) {
            try {
              engine.replayTo(Optional.of(migration.version()));
            } catch (ChartreuseException e) {
              steps.put(
                  migration.version(),
                  new Step(
                      List.of(),
                      Optional.of("it failed on the shadow database: " + e.getMessage())));
              break;
            }
            SchemaSnapshot after = reader.read(connection);
            steps.put(
                migration.version(),
                new Step(
                    BreakingChanges.between(before, after).stream()
                        .map(BreakingChanges.Change::describe)
                        .toList(),
                    Optional.empty()));
            before = after;
          }
          return steps;
        });
  }

  /** Work on the shadow through the engine that owns the live database's history. */
  private interface ShadowWork<T> {
    T run(MigrationEngine engine, Connection connection) throws SQLException;
  }

  private <T> T onShadow(DatabaseTarget target, Duration connectTimeout, ShadowWork<T> work) {
    DatabaseTarget scratch =
        new DatabaseTarget(
            "shadow", shadow, target.engine(), target.flyway(), target.alembic(), true);
    ConnectionFactory connections = new ConnectionFactory(shadow, "chartreuse check (shadow)");
    try (Connection connection = connections.open(connectTimeout)) {
      return work.run(
          EngineFactory.create(scratch, connections, new SessionDataSource(connection), log),
          connection);
    } catch (SQLException e) {
      throw new ChartreuseException(
          ExitCode.TIMEOUT,
          "cannot reach the shadow database " + shadow.display() + ": " + e.getMessage());
    }
  }
}
