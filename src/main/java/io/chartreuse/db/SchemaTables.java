package io.chartreuse.db;

import io.chartreuse.schema.store.SnapshotStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The original's empty-database rule needs to know whether a schema holds tables besides the
 * history table (and chartreuse's own table of schema snapshots, which a first run at head
 * creates).
 */
public final class SchemaTables {
  private SchemaTables() {}

  /**
   * True when {@code schema} (the connection's current schema when empty) has a table other than
   * {@code history}.
   */
  public static boolean hasTablesBesides(
      Connection connection, Optional<String> schema, String history) throws SQLException {
    String sql =
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = coalesce(?, current_schema())"
            + " AND tablename <> ? AND tablename <> '"
            + SnapshotStore.TABLE
            + "')";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema.orElse(null));
      statement.setString(2, history);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }
}
