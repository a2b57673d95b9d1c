package io.chartreuse.check;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
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
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema the applied migrations give: they are replayed, up to the live database's current
 * version, into an empty scratch database (the shadow), which is then snapshotted; then the pending
 * ones are applied there one at a time, so that the schema diff of each is judged too. Flyway only
 * for now.
 */
final class ShadowReplay {
  private final DatabaseUrl shadow;
  private final CatalogReader reader;

  ShadowReplay(DatabaseUrl shadow, CatalogReader reader) {
    this.shadow = shadow;
    this.reader = reader;
  }

  /**
   * What one pending migration did to the shadow's schema: the changes that break code written for
   * the schema before it, or why it could not be applied there.
   */
  record Step(List<String> breaking, Optional<String> failure) {}

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
    Map<String, Step> steps = new LinkedHashMap<>();
    ConnectionFactory connections = new ConnectionFactory(shadow, "chartreuse check (shadow)");
    try (Connection connection = connections.open(connectTimeout)) {
      SchemaSnapshot before = replayed;
      for (PendingMigration migration : pending) {
        try {
          Flyway.configure()
              .dataSource(connections.dataSource(connectTimeout))
              .locations(target.flyway().orElseThrow().locations().toArray(String[]::new))
              .target(migration.version())
              .load()
              .migrate();
        } catch (FlywayException e) {
          steps.put(
              migration.version(),
              new Step(
                  List.of(), Optional.of("it failed on the shadow database: " + e.getMessage())));
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
    } catch (SQLException e) {
      throw new ChartreuseException(
          io.chartreuse.exit.ExitCode.TIMEOUT,
          "cannot reach the shadow database " + shadow.display() + ": " + e.getMessage());
    }
    return steps;
  }

  SchemaSnapshot replay(DatabaseTarget target, Optional<String> current, Duration connectTimeout) {
    if (target.flyway().isEmpty()) {
      throw ChartreuseException.usage(
          "--shadow-url works with Flyway migrations only for now; remove it for Alembic");
    }
    ConnectionFactory connections = new ConnectionFactory(shadow, "chartreuse check (shadow)");
    try (Connection connection = connections.open(connectTimeout)) {
      if (!reader.read(connection).tables().isEmpty()) {
        throw ChartreuseException.usage(
            "the --shadow-url database "
                + shadow.display()
                + " is not empty; give an empty scratch database");
      }
      if (current.isPresent()) {
        Flyway.configure()
            .dataSource(connections.dataSource(connectTimeout))
            .locations(target.flyway().get().locations().toArray(String[]::new))
            .target(current.get())
            .load()
            .migrate();
      }
      return reader.read(connection);
    } catch (SQLException e) {
      throw new ChartreuseException(
          io.chartreuse.exit.ExitCode.TIMEOUT,
          "cannot reach the shadow database " + shadow.display() + ": " + e.getMessage());
    } catch (FlywayException e) {
      throw ChartreuseException.failed(
          "replaying the migrations into the shadow database failed: " + e.getMessage());
    }
  }
}
