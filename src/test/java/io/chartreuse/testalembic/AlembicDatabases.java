package io.chartreuse.testalembic;

import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Test databases whose owner's password holds every character that URLs and shells treat specially.
 */
public final class AlembicDatabases {
  private AlembicDatabases() {}

  public static TestDatabase create(String prefix) {
    TestDatabase database = TestPostgres.get().createDatabase(prefix);
    String password = "Pw%@:/#" + database.name() + "#%2F@x";
    try (Connection admin = TestPostgres.get().admin();
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER ROLE " + database.user() + " PASSWORD '" + password + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new TestDatabase(
        database.host(), database.port(), database.name(), database.user(), password);
  }
}
