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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runners on one database, and a runner killed mid-migration: nothing is ever applied twice.
 */
class LockingIT {
  @TempDir Path temp;

  private MigrationFiles slowMigrations(int sleepSeconds) {
    return new MigrationFiles(temp.resolve("migrations"))
        .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);")
        .add("V2__slow.sql", "SELECT pg_sleep(" + sleepSeconds + "); CREATE TABLE slow (id int);")
        .add("V3__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);");
  }

  @Test
  void twoRunnersAtTheSameMomentMigrateOnceAndTheSecondReportsTheHolder() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("twins");
    MigrationFiles migrations = slowMigrations(4);
    CliProcess first =
        RunnerEnvironment.run(database, migrations).env("HOSTNAME", "runner-a").start();
    CliProcess second =
        RunnerEnvironment.run(database, migrations).env("HOSTNAME", "runner-b").start();
    CliProcess.Result a = first.await(Duration.ofMinutes(2));
    CliProcess.Result b = second.await(Duration.ofMinutes(2));

    assertEquals(0, a.exitCode(), a.all());
    assertEquals(0, b.exitCode(), b.all());
    String outcomes = a.stdout() + b.stdout();
    assertTrue(
        outcomes.contains("outcome: migrated") && outcomes.contains("outcome: up-to-date"),
        outcomes);
    String waiter = a.stdout().contains("up-to-date") ? a.stderr() : b.stderr();
    assertTrue(
        waiter.contains("waiting for the migration lock")
            && waiter.contains("held by pid")
            && waiter.matches("(?s).*chartreuse [^ ]+ on runner-[ab].*"),
        waiter);
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void aSecondRunnerGivesUpAfterTheLockTimeoutWithExit6() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("locktimeout");
    MigrationFiles migrations = slowMigrations(8);
    CliProcess holder = RunnerEnvironment.run(database, migrations).start();
    waitFor(holder, "applying");
    CliProcess.Result waiter =
        RunnerEnvironment.run(database, migrations).env("CHARTREUSE_LOCK_TIMEOUT", "2").run();
    assertEquals(6, waiter.exitCode(), waiter.all());
    assertTrue(
        waiter.stderr().contains("another runner holds the migration lock")
            && waiter.stderr().contains("CHARTREUSE_LOCK_TIMEOUT"),
        waiter.stderr());
    assertEquals(0, holder.await(Duration.ofMinutes(2)).exitCode());
  }

  @Test
  void aRunnerKilledMidMigrationIsCompletedByTheNextRunWithNothingAppliedTwice() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("killed");
    MigrationFiles migrations = slowMigrations(6);
    CliProcess victim = RunnerEnvironment.run(database, migrations).start();
    waitFor(victim, "applying");
    Thread.sleep(1000);
    victim.process().destroyForcibly().waitFor();

    CliProcess.Result rerun = RunnerEnvironment.run(database, migrations, "-o", "json").run();
    assertEquals(0, rerun.exitCode(), rerun.all());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
      assertEquals(
          List.of("orders", "slow", "users"),
          MigrationFiles.strings(
              connection,
              "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                  + " AND tablename NOT IN ('flyway_schema_history', 'chartreuse_schema_snapshot') ORDER BY 1"));
    }
  }

  private static void waitFor(CliProcess process, String text) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!process.stderrSoFar().contains(text)) {
      if (Instant.now().isAfter(deadline) || !process.process().isAlive()) {
        throw new AssertionError("runner never logged '" + text + "':\n" + process.stderrSoFar());
      }
      Thread.sleep(100);
    }
  }
}
