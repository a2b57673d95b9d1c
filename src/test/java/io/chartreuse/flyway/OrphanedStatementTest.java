package io.chartreuse.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.HashPassword;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement of a previous run still executing outside the lock's session (as a runner's own session
 * would look after the runner died): the next run waits for it, bounded, and says so.
 */
class OrphanedStatementTest {
  @TempDir Path temp;

  private static CompletableFuture<Void> orphan(TestDatabase database, int seconds) throws Exception {
    Connection connection = database.connect();
    try (Statement name = connection.createStatement()) {
      name.execute("SET application_name = 'chartreuse 0.0.0 on a-killed-pod'");
    }
    return CompletableFuture.runAsync(() -> {
      try (connection; Statement statement = connection.createStatement()) {
        statement.execute("DO $$ BEGIN PERFORM pg_sleep(" + seconds + "); END $$");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void theRunWaitsForItThenMigrates() throws Exception {
    TestDatabase database = HashPassword.database("orphan_wait");
    MigrationFiles files = new MigrationFiles(temp.resolve("m")).add("V1__t.sql", "CREATE TABLE t (id int);");
    CompletableFuture<Void> orphan = orphan(database, 6);
    Thread.sleep(500);
    CliProcess.Result result = RunnerEnvironment.run(database, files).run();
    orphan.join();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("waiting for a statement of a previous run") && result.stderr().contains(" DO for "),
        result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void theWaitIsBoundedByTheLockTimeout() throws Exception {
    TestDatabase database = HashPassword.database("orphan_timeout");
    MigrationFiles files = new MigrationFiles(temp.resolve("m")).add("V1__t.sql", "CREATE TABLE t (id int);");
    CompletableFuture<Void> orphan = orphan(database, 8);
    Thread.sleep(500);
    CliProcess.Result result = RunnerEnvironment.run(database, files).env("CHARTREUSE_LOCK_TIMEOUT", "2").run();
    orphan.join();
    assertEquals(6, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("a previous run's statement is still executing") && result.stderr().contains("pg_cancel_backend"),
        result.stderr());
  }
}
