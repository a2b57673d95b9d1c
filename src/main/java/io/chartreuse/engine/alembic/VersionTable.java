package io.chartreuse.engine.alembic;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@code alembic_version}: one per branch head that the database has reached. */
final class VersionTable {
  static final String NAME = "alembic_version";

  private VersionTable() {}

  static List<String> rows(Connection connection) throws SQLException {
    List<String> revisions = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet exists =
          statement.executeQuery("SELECT to_regclass('" + NAME + "') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return revisions;
        }
      }
      try (ResultSet rows =
          statement.executeQuery("SELECT version_num FROM " + NAME + " ORDER BY version_num")) {
        while (rows.next()) {
          revisions.add(rows.getString(1));
        }
      }
    }
    return revisions;
  }
}
