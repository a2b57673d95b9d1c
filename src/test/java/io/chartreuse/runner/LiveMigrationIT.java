package io.chartreuse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrating with the application running (policy {@code breaking}, a compatible migration) against
 * a real PostgreSQL where an application's long transaction holds a lock the migration needs: the
 * statement gives up after CHARTREUSE_MIGRATION_LOCK_TIMEOUT, the run names the blocking pid and
 * application_name and tries again, and succeeds once the transaction ends, or fails with exit 6
 * and nothing changed.
 */
class LiveMigrationIT {
  private static final String APPLICATION = "web-7f9c4-x2vq";

  @TempDir Path temp;

  private record Setup(TestDatabase database, MigrationFiles migrations) {}

  private Setup appliedFirstMigration(String name) {
    TestDatabase database = TestPostgres.get().createDatabase(name);
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);");
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());
    migrations.add("V2__add_name.sql", "ALTER TABLE users ADD COLUMN name text;");
    return new Setup(database, migrations);
  }

  /**
   * The application: a transaction that read users and stays open, holding its ACCESS SHARE lock.
   */
  private static Connection longTransaction(TestDatabase database) throws Exception {
    Connection application = database.connect();
    try (Statement statement = application.createStatement()) {
      statement.execute("SET application_name = '" + APPLICATION + "'");
    }
    application.setAutoCommit(false);
    try (Statement statement = application.createStatement()) {
      statement.executeQuery("SELECT count(*) FROM users").close();
    }
    return application;
  }

  private static CliProcess live(Setup setup) {
    return RunnerEnvironment.run(setup.database(), setup.migrations(), "-o", "json")
        .env("CHARTREUSE_STOP_POLICY", "breaking")
        .env("CHARTREUSE_MIGRATION_LOCK_TIMEOUT", "1");
  }

  @Test
  void retriesNamingTheBlockerAndSucceedsWhenItsTransactionEnds() throws Exception {
    Setup setup = appliedFirstMigration("live_retry");
    Connection application = longTransaction(setup.database());
    CliProcess runner = live(setup).start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (!runner.stderrSoFar().contains("trying again")) {
      assertTrue(
          Instant.now().isBefore(deadline) && runner.process().isAlive(), runner.stderrSoFar());
      Thread.sleep(100);
    }
    application.commit();
    application.close();
    CliProcess.Result result = runner.await(Duration.ofSeconds(60));
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("waited more than 1000 ms for a lock held by pid "),
        result.stderr());
    assertTrue(result.stderr().contains("(" + APPLICATION), result.stderr());
    try (Connection connection = setup.database().connect()) {
      assertEquals(List.of("1", "2"), MigrationFiles.appliedVersions(connection));
      assertTrue(columns(connection).contains("name"));
    }
  }

  @Test
  void givesUpWithExit6AndNothingChangedWhenTheTransactionOutlastsTheRetries() throws Exception {
    Setup setup = appliedFirstMigration("live_give_up");
    try (Connection application = longTransaction(setup.database())) {
      CliProcess.Result result = live(setup).start().await(Duration.ofSeconds(120));
      assertEquals(6, result.exitCode(), result.all());
      assertTrue(result.stderr().contains("gave up after 5 attempts"), result.stderr());
      assertTrue(result.stderr().contains("(" + APPLICATION), result.stderr());
      application.rollback();
    }
    try (Connection connection = setup.database().connect()) {
      assertEquals(List.of("1"), MigrationFiles.appliedVersions(connection));
      assertEquals(List.of("id"), columns(connection));
    }
  }

  @Test
  void aMigrationOutsideATransactionRunsWithoutLockTimeoutAndSaysWhy() throws Exception {
    Setup setup = appliedFirstMigration("live_concurrently");
    setup
        .migrations()
        .add("V3__index.sql", "CREATE INDEX CONCURRENTLY users_name ON users (name);");
    CliProcess.Result result = live(setup).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("3 run(s) outside a transaction"), result.stderr());
    try (Connection connection = setup.database().connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }
  }

  private static List<String> columns(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position")) {
      List<String> names = new java.util.ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }
}
