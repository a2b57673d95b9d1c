package io.chartreuse.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.HashPassword;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement of a previous run still executing outside the lock's session (as a runner's own
 * session would look after the runner died): the next run waits for it, bounded, and says so. The
 * statement waits for an advisory lock the test holds, so it runs exactly as long as the test
 * wants.
 */
class OrphanedStatementIT {
  private static final int GATE = 4242;

  @TempDir Path temp;

  /** The test's session holding the gate; the orphan waits for it inside a statement. */
  private static Connection gate(TestDatabase database) throws Exception {
    Connection gate = database.connect();
    try (Statement statement = gate.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + GATE + ")");
    }
    return gate;
  }

  private static CompletableFuture<Void> orphan(TestDatabase database) throws Exception {
    Connection connection = database.connect();
    try (Statement name = connection.createStatement()) {
      name.execute("SET application_name = 'chartreuse 0.0.0 on a-killed-pod'");
    }
    return CompletableFuture.runAsync(
        () -> {
          try (connection;
              Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN PERFORM pg_advisory_lock(" + GATE + "); END $$");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void theRunWaitsForItThenMigrates() throws Exception {
    TestDatabase database = HashPassword.database("orphan_wait");
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m")).add("V1__t.sql", "CREATE TABLE t (id int);");
    CompletableFuture<Void> orphan;
    CliProcess runner;
    try (Connection gate = gate(database)) {
      orphan = orphan(database);
      runner = RunnerEnvironment.run(database, files).start();
      awaitStderr(runner, "waiting for a statement of a previous run");
    }
    orphan.join();
    CliProcess.Result result = runner.await(Duration.ofMinutes(2));
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains(" DO for "), result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void theWaitIsBoundedByTheLockTimeout() throws Exception {
    TestDatabase database = HashPassword.database("orphan_timeout");
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m")).add("V1__t.sql", "CREATE TABLE t (id int);");
    CompletableFuture<Void> orphan;
    CliProcess.Result result;
    try (Connection gate = gate(database)) {
      orphan = orphan(database);
      result = RunnerEnvironment.run(database, files).env("CHARTREUSE_LOCK_TIMEOUT", "2").run();
    }
    orphan.join();
    assertEquals(6, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("a previous run's statement is still executing")
            && result.stderr().contains("pg_cancel_backend"),
        result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  private static void awaitStderr(CliProcess process, String text) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(deadline)) {
      if (process.stderrSoFar().contains(text)) {
        return;
      }
      if (!process.process().isAlive()) {
        fail("the run ended without waiting:\n" + process.stderrSoFar());
      }
      Thread.sleep(100);
    }
    fail("the run did not say '" + text + "':\n" + process.stderrSoFar());
  }
}
