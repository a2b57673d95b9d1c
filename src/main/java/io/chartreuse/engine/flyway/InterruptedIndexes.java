package io.chartreuse.engine.flyway;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Makes a pending non-transactional migration safe to run after a run that was killed during it. A
 * {@code CREATE INDEX CONCURRENTLY} cannot be rolled back: a killed runner leaves no history row,
 * and either an INVALID index (the build was cancelled) or, since PostgreSQL finishes the statement
 * in the orphaned backend, a VALID one. An INVALID index is dropped concurrently and built again; a
 * VALID one with exactly the definition the statement creates counts as done (the migration is then
 * recorded without running it again); anything else stops the run with what to do. Only named
 * indexes can be recognised.
 */
final class InterruptedIndexes {
  private static final String EXISTING =
      "SELECT n.nspname, c.relname, i.indisvalid, i.indrelid = t.oid, pg_get_indexdef(c.oid) FROM pg_class t"
          + " JOIN pg_class c ON c.relnamespace = t.relnamespace AND c.relname = ? AND c.relkind IN ('i', 'I')"
          + " JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE t.oid = to_regclass(?)";
  private static final String SHADOW_TABLE = "pg_temp.chartreuse_shadow";
  private static final String SHADOW_INDEX = "chartreuse_shadow_index";

  private final DataSource dataSource;
  private final Optional<String> schema;
  private final Log log;

  InterruptedIndexes(DataSource dataSource, Optional<String> schema, Log log) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.log = log;
  }

  private record Existing(
      String qualifiedName, boolean valid, boolean sameTable, String definition) {}

  /** Returns true when the migration's work is done and only its history row is missing. */
  boolean alreadyDone(String migration, List<String> statements) {
    List<IndexStatement> indexes =
        statements.stream().map(IndexStatement::parse).flatMap(Optional::stream).toList();
    if (indexes.isEmpty()) {
      return false;
    }
    try (Connection connection = dataSource.getConnection()) {
      List<IndexStatement> done = new ArrayList<>();
      List<IndexStatement> toRun = new ArrayList<>();
      for (IndexStatement index : indexes) {
        boolean isDone =
            index.drop() ? dropped(connection, index) : built(connection, migration, index);
        (isDone ? done : toRun).add(index);
      }
      if (done.isEmpty()) {
        return false;
      }
      String names =
          String.join(
              ", ", done.stream().map(i -> (i.drop() ? "drop of " : "") + i.index()).toList());
      if (indexes.size() != statements.size()) {
        throw ChartreuseException.failed(
            "migration "
                + migration
                + " was interrupted after index "
                + names
                + ", and its other statements may or may not have run; check them, undo the index (CREATE or DROP INDEX CONCURRENTLY) and run again");
      }
      log.info(
          "index "
              + names
              + " of migration "
              + migration
              + " is done, exactly as the migration does it (a previous run"
              + " was stopped during it): recording "
              + migration
              + " as applied without running it again");
      for (IndexStatement index : toRun) {
        log.info(
            "running the rest of migration "
                + migration
                + ": "
                + (index.drop() ? "dropping" : "building")
                + " index "
                + index.index());
        execute(connection, index.sql());
      }
      return true;
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot check the indexes of migration "
              + migration
              + ": "
              + FailureSummary.firstLine(e.getMessage()));
    }
  }

  /**
   * A DROP INDEX CONCURRENTLY is done when the index is gone (an interrupted one leaves it INVALID:
   * run it again).
   */
  private boolean dropped(Connection connection, IndexStatement index) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT to_regclass(?) IS NULL")) {
      statement.setString(
          1,
          index.index().contains(".") || schema.isEmpty()
              ? index.index()
              : SqlIdentifier.quote(schema.get()) + "." + index.index());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  /**
   * A CREATE INDEX CONCURRENTLY: done, to run (after dropping an INVALID leftover), or a conflict
   * that stops the run.
   */
  private boolean built(Connection connection, String migration, IndexStatement index)
      throws SQLException {
    Optional<Existing> existing = existing(connection, index);
    if (existing.isEmpty()) {
      return false;
    }
    if (!existing.get().valid()) {
      log.warn(
          "index "
              + existing.get().qualifiedName()
              + " of migration "
              + migration
              + " is INVALID, left by an interrupted CREATE INDEX CONCURRENTLY: dropping it concurrently to build it again");
      execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + existing.get().qualifiedName());
      return false;
    }
    if (existing.get().sameTable() && sameDefinition(connection, index, existing.get())) {
      return true;
    }
    throw ChartreuseException.failed(
        "migration "
            + migration
            + " creates index "
            + index.index()
            + ", but "
            + existing.get().qualifiedName()
            + " already exists with another definition ("
            + existing.get().definition()
            + "); if it is a leftover, drop it (DROP INDEX CONCURRENTLY "
            + existing.get().qualifiedName()
            + "), else rename it or fix the migration; then run again");
  }

  private Optional<Existing> existing(Connection connection, IndexStatement index)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(EXISTING)) {
      statement.setString(1, index.index());
      statement.setString(2, table(index));
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Existing(
                SqlIdentifier.quote(rows.getString(1))
                    + "."
                    + SqlIdentifier.quote(rows.getString(2)),
                rows.getBoolean(3),
                rows.getBoolean(4),
                rows.getString(5)));
      }
    }
  }

  /**
   * Builds the statement's index on an empty copy of the table, in a transaction rolled back at
   * once, and compares PostgreSQL's own rendering of both definitions from {@code USING} on.
   */
  private boolean sameDefinition(Connection connection, IndexStatement index, Existing found)
      throws SQLException {
    String existing = found.definition();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE chartreuse_shadow (LIKE " + table(index) + ")");
      statement.execute(index.on(SHADOW_INDEX, SHADOW_TABLE));
      try (ResultSet row =
          statement.executeQuery(
              "SELECT pg_get_indexdef('pg_temp." + SHADOW_INDEX + "'::regclass)")) {
        row.next();
        String expected = row.getString(1);
        return expected.startsWith("CREATE UNIQUE") == existing.startsWith("CREATE UNIQUE")
            && tail(expected).equals(tail(existing));
      }
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "index "
              + found.qualifiedName()
              + " exists and is valid, but its definition cannot be compared"
              + " with the migration's on an empty copy of the table ("
              + FailureSummary.firstLine(e.getMessage())
              + "); drop it"
              + " (DROP INDEX CONCURRENTLY "
              + found.qualifiedName()
              + ") and run again: the migration builds it anew");
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private static String tail(String definition) {
    int using = definition.indexOf(" USING ");
    return using < 0 ? definition : definition.substring(using);
  }

  /**
   * The table as the statement names it; in the configured schema when the name is not qualified,
   * as Flyway runs it.
   */
  private String table(IndexStatement index) {
    return index.table().contains(".") || schema.isEmpty()
        ? index.table()
        : SqlIdentifier.quote(schema.get()) + "." + index.table();
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
