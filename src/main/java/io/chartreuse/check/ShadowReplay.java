package io.chartreuse.check;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.catalog.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema the applied migrations give: they are replayed, up to the live database's current
 * version, into an empty scratch database (the shadow), which is then snapshotted. Flyway only for
 * now.
 */
final class ShadowReplay {
  private final DatabaseUrl shadow;
  private final CatalogReader reader;

  ShadowReplay(DatabaseUrl shadow, CatalogReader reader) {
    this.shadow = shadow;
    this.reader = reader;
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
