package io.chartreuse.check;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.SessionDataSource;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import io.chartreuse.runner.EngineFactory;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.catalog.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The schema the applied migrations give: they are replayed, up to the live database's current
 * version, into an empty scratch database (the shadow) by the same engine that owns the live one
 * (Flyway in-process, Alembic as its subprocess), which is then snapshotted.
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

  SchemaSnapshot replay(DatabaseTarget target, Optional<String> current, Duration connectTimeout) {
    DatabaseTarget scratch =
        new DatabaseTarget(
            "shadow", shadow, target.engine(), target.flyway(), target.alembic(), true);
    ConnectionFactory connections = new ConnectionFactory(shadow, "chartreuse check (shadow)");
    try (Connection connection = connections.open(connectTimeout)) {
      if (!reader.read(connection).tables().isEmpty()) {
        throw ChartreuseException.usage(
            "the --shadow-url database "
                + shadow.display()
                + " is not empty; give an empty scratch database");
      }
      EngineFactory.create(scratch, connections, new SessionDataSource(connection), log)
          .replayTo(current);
      return reader.read(connection);
    } catch (SQLException e) {
      throw new ChartreuseException(
          ExitCode.TIMEOUT,
          "cannot reach the shadow database " + shadow.display() + ": " + e.getMessage());
    }
  }
}
