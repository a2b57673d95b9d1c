package io.chartreuse.engine.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The versions Flyway's history table records as applied successfully: one query, where a second
 * {@code Flyway.info()} would rescan and checksum every migration file to learn the same after a
 * migrate.
 */
final class AppliedVersions {
  private AppliedVersions() {}

  /**
   * {@code schema} empty: the connection's current schema, where Flyway puts the table by default.
   */
  static Set<String> read(Connection connection, Optional<String> schema, String table)
      throws SQLException {
    String qualified =
        schema.map(s -> SqlIdentifier.quote(s) + ".").orElse("") + SqlIdentifier.quote(table);
    Set<String> versions = new HashSet<>();
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT version FROM " + qualified + " WHERE success AND version IS NOT NULL");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }
}
