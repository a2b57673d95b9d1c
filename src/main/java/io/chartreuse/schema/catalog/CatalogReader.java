package io.chartreuse.schema.catalog;

import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.SnapshotOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a {@link SchemaSnapshot} from PostgreSQL's catalogs: one query per kind of object (twelve
 * in all, whatever the number of objects), read-only, in one transaction so the kinds agree with
 * each other. The search path is set to {@code pg_catalog} for the reading, so PostgreSQL renders
 * every name outside it schema-qualified, the same way whatever the caller's search path.
 */
public final class CatalogReader {
  private final SnapshotOptions options;

  public CatalogReader(SnapshotOptions options) {
    this.options = options;
  }

  /**
   * Reads the snapshot on {@code connection} and leaves the connection as it found it: in
   * autocommit mode the reading is its own repeatable-read transaction, rolled back; inside a
   * caller's transaction it runs in a savepoint, rolled back to.
   */
  public SchemaSnapshot read(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      Savepoint savepoint = connection.setSavepoint();
      try {
        return readAll(connection);
      } finally {
        connection.rollback(savepoint);
      }
    }
    connection.setAutoCommit(false);
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      return readAll(connection);
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private SchemaSnapshot readAll(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL search_path = pg_catalog, pg_temp");
    }
    int version = connection.getMetaData().getDatabaseMajorVersion();
    Query query = new Query(connection, version);
    return new SchemaSnapshot(
        SchemaSnapshot.FORMAT,
        query.all(new SchemaQuery()),
        query.all(new ExtensionQuery()),
        query.all(new TypeQuery()),
        query.all(new TableQuery()),
        query.all(new ColumnQuery()),
        query.all(new ConstraintQuery()),
        query.all(new IndexQuery()),
        query.all(new SequenceQuery()),
        query.all(new ViewQuery()),
        query.all(new RoutineQuery()),
        query.all(new TriggerQuery()),
        query.all(new PolicyQuery()));
  }

  /** Runs catalog queries with the two parameters every one of them takes. */
  private final class Query {
    private final Connection connection;
    private final int version;

    Query(Connection connection, int version) {
      this.connection = connection;
      this.version = version;
    }

    <T> List<T> all(CatalogQuery<T> kind) throws SQLException {
      try (PreparedStatement statement =
          connection.prepareStatement(CatalogQuery.COVERED + kind.sql(version))) {
        statement.setArray(1, options.schemas().map(this::textArray).orElse(null));
        statement.setArray(2, textArray(List.copyOf(options.excludedTables())));
        List<T> objects = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          CatalogRow row = new CatalogRow(rows);
          while (rows.next()) {
            objects.add(kind.map(row));
          }
        }
        return objects;
      }
    }

    private java.sql.Array textArray(List<String> values) {
      try {
        return connection.createArrayOf("text", values.toArray());
      } catch (SQLException e) {
        throw new IllegalStateException("the PostgreSQL driver cannot build a text array", e);
      }
    }
  }
}
