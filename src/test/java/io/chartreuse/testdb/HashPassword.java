package io.chartreuse.testdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A test database whose owner's password holds every character that breaks URLs and shells: % @ : /
 * #.
 */
public final class HashPassword {
  private HashPassword() {}

  public static TestDatabase database(String prefix) {
    TestDatabase database = TestPostgres.get().createDatabase(prefix);
    String password = "P%w@d:b/" + database.name() + "#x";
    try (Connection admin = TestPostgres.get().admin();
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER ROLE " + database.user() + " PASSWORD '" + password + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set the password of " + database.user(), e);
    }
    return new TestDatabase(
        database.host(), database.port(), database.name(), database.user(), password);
  }
}
