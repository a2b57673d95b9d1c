package io.chartreuse.schema.store;

import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.SnapshotJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * chartreuse's own table of schema snapshots, {@value #TABLE}, in the connection's current schema
 * (where the migration history table is), so any tool with database access can compare the live
 * schema with the one recorded after the last successful run. Rows hold the gzip-compressed JSON,
 * its SHA-256 and the migration version; the latest {@value #KEPT} are kept. Reading never creates
 * the table.
 */
public final class SnapshotStore {
  public static final String TABLE = "chartreuse_schema_snapshot";
  static final int KEPT = 5;

  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " ("
          + " taken_at timestamptz NOT NULL DEFAULT clock_timestamp(),"
          + " migration_version text,"
          + " chartreuse_version text NOT NULL,"
          + " format integer NOT NULL,"
          + " sha256 text NOT NULL,"
          + " snapshot bytea NOT NULL)";

  /**
   * The latest stored snapshot of the current format, if any. A snapshot of an older format is
   * treated as none (the next run stores a new one) rather than compared field by field with a
   * different rendering.
   */
  public Optional<StoredSnapshot> latest(Connection connection) throws SQLException {
    if (!exists(connection)) {
      return Optional.empty();
    }
    String sql =
        "SELECT taken_at, migration_version, chartreuse_version, sha256, snapshot FROM "
            + TABLE
            + " WHERE format = ? ORDER BY taken_at DESC LIMIT 1";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, SchemaSnapshot.FORMAT);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        byte[] compressed = row.getBytes("snapshot");
        byte[] json = GzipJson.decompress(compressed);
        String sha256 = row.getString("sha256");
        if (!SnapshotJson.sha256(json).equals(sha256)) {
          throw new IllegalStateException(
              "the stored schema snapshot in "
                  + TABLE
                  + " does not match its hash: delete its rows so the next run stores a new one");
        }
        return Optional.of(
            new StoredSnapshot(
                row.getTimestamp("taken_at").toInstant(),
                Optional.ofNullable(row.getString("migration_version")),
                row.getString("chartreuse_version"),
                sha256,
                compressed.length,
                SnapshotJson.snapshot(json)));
      }
    }
  }

  /**
   * Stores a snapshot (creating the table the first time) and prunes all but the latest {@value
   * #KEPT}.
   */
  public StoredSnapshot save(
      Connection connection,
      SchemaSnapshot snapshot,
      Optional<String> migrationVersion,
      String chartreuseVersion)
      throws SQLException {
    byte[] json = SnapshotJson.bytes(snapshot);
    byte[] compressed = GzipJson.compress(json);
    String sha256 = SnapshotJson.sha256(json);
    boolean own = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute(CREATE);
      }
      java.sql.Timestamp takenAt;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (migration_version, chartreuse_version, format, sha256, snapshot)"
                  + " VALUES (?, ?, ?, ?, ?) RETURNING taken_at")) {
        insert.setString(1, migrationVersion.orElse(null));
        insert.setString(2, chartreuseVersion);
        insert.setInt(3, SchemaSnapshot.FORMAT);
        insert.setString(4, sha256);
        insert.setBytes(5, compressed);
        try (ResultSet row = insert.executeQuery()) {
          row.next();
          takenAt = row.getTimestamp(1);
        }
      }
      try (PreparedStatement prune =
          connection.prepareStatement(
              "DELETE FROM "
                  + TABLE
                  + " WHERE taken_at < (SELECT min(taken_at) FROM"
                  + " (SELECT taken_at FROM "
                  + TABLE
                  + " ORDER BY taken_at DESC LIMIT ?) kept)")) {
        prune.setInt(1, KEPT);
        prune.executeUpdate();
      }
      if (own) {
        connection.commit();
      }
      return new StoredSnapshot(
          takenAt.toInstant(),
          migrationVersion,
          chartreuseVersion,
          sha256,
          compressed.length,
          snapshot);
    } catch (SQLException | RuntimeException e) {
      if (own) {
        connection.rollback();
      }
      throw e;
    } finally {
      if (own) {
        connection.setAutoCommit(true);
      }
    }
  }

  private static boolean exists(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, TABLE);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }
}
