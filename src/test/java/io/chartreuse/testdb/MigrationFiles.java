package io.chartreuse.testdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A directory of Flyway SQL migrations written by a test, and readers of what a database holds. */
public final class MigrationFiles {
  private final Path directory;

  public MigrationFiles(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  public String location() {
    return "filesystem:" + directory;
  }

  public MigrationFiles add(String fileName, String sql) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(fileName), sql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Successful versions in the Flyway history, in installation order. */
  public static List<String> appliedVersions(Connection connection) throws SQLException {
    return strings(
        connection,
        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank");
  }

  /**
   * Every row of the Flyway history (version, checksum, success) as text, to compare before and
   * after.
   */
  public static List<String> history(Connection connection) throws SQLException {
    return strings(
        connection,
        "SELECT concat_ws('|', installed_rank, version, description, checksum, success) FROM flyway_schema_history ORDER BY installed_rank");
  }

  /**
   * Tables and columns of the public schema (not Flyway's history table nor chartreuse's
   * snapshots), to prove a schema did not change.
   */
  public static List<String> schema(Connection connection) throws SQLException {
    return strings(
        connection,
        "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns"
            + " WHERE table_schema = 'public' AND table_name NOT IN ('flyway_schema_history', 'chartreuse_schema_snapshot') ORDER BY 1");
  }

  public static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
