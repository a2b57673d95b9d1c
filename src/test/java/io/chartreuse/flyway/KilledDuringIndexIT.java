package io.chartreuse.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.HashPassword;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 2: a runner killed with SIGKILL while CREATE INDEX CONCURRENTLY runs on a table
 * of a few million rows. PostgreSQL finishes (or, cancelled, abandons) the statement in the
 * orphaned backend; the next run must end at head with no failed row, no invalid index and nothing
 * applied twice.
 */
class KilledDuringIndexIT {
  private static final int ROWS = 2_000_000;
  private static final String INDEX_STATEMENT = "CREATE INDEX CONCURRENTLY big_val ON big (val);";

  @TempDir Path temp;

  private MigrationFiles atV1WithBigTable(TestDatabase database) throws Exception {
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m"))
            .add("V1__big.sql", "CREATE TABLE big (id int PRIMARY KEY, val text);");
    assertEquals(0, RunnerEnvironment.run(database, files).run().exitCode());
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
    }
    return files
        .add("V2__index_val.sql", INDEX_STATEMENT)
        .add("V3__after.sql", "CREATE TABLE after_index (id int);");
  }

  /**
   * Starts a run while {@code blocker} holds an uncommitted write on the table, so the runner's
   * CREATE INDEX CONCURRENTLY is certainly executing (waiting for that writer) when the runner is
   * killed.
   */
  private int runAndKillDuringIndex(TestDatabase database, MigrationFiles files) throws Exception {
    CliProcess runner = RunnerEnvironment.run(database, files).start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      Integer pid = indexBuilder(database);
      if (pid != null) {
        runner.process().destroyForcibly(); // SIGKILL, as when the pod is force-deleted
        runner.process().waitFor();
        return pid;
      }
      if (!runner.process().isAlive()) {
        fail("the runner ended before its CREATE INDEX CONCURRENTLY ran:\n" + runner.stderrSoFar());
      }
      Thread.sleep(50);
    }
    runner.process().destroyForcibly();
    throw new AssertionError(
        "the runner never started CREATE INDEX CONCURRENTLY:\n" + runner.stderrSoFar());
  }

  private static Integer indexBuilder(TestDatabase database) throws Exception {
    try (Connection admin = TestPostgres.get().admin();
        PreparedStatement statement =
            admin.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = ? AND state = 'active' AND application_name LIKE 'chartreuse %'"
                    + " AND query LIKE 'CREATE INDEX CONCURRENTLY big_val%'")) {
      statement.setString(1, database.name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getInt(1) : null;
      }
    }
  }

  private static Connection blockingWriter(TestDatabase database) throws Exception {
    Connection blocker = database.connect();
    blocker.setAutoCommit(false);
    try (Statement statement = blocker.createStatement()) {
      statement.execute("INSERT INTO big VALUES (0, 'written while the index is built')");
    }
    return blocker;
  }

  @Test
  void killedWhileThePostgresBackendFinishesTheIndexTheNextRunWaitsAndRecordsIt() throws Exception {
    TestDatabase database = HashPassword.database("killed_valid");
    MigrationFiles files = atV1WithBigTable(database);
    CliProcess.Result rerun;
    try (Connection blocker = blockingWriter(database)) {
      int orphan = runAndKillDuringIndex(database, files);
      assertTrue(
          isActive(orphan),
          "the killed runner's CREATE INDEX CONCURRENTLY still runs in its backend");
      CliProcess next = RunnerEnvironment.run(database, files).start();
      awaitStderr(next, "still executing CREATE INDEX CONCURRENTLY big_val");
      blocker.commit(); // the orphaned statement now builds the index over the whole table and ends
      rerun = next.await(Duration.ofMinutes(3));
    }
    assertEquals(0, rerun.exitCode(), rerun.all());
    assertTrue(
        rerun.stderr().contains("is done, exactly as the migration does it"), rerun.stderr());
    assertAtHeadOnce(database);
  }

  @Test
  void anIndexLeftInvalidIsDroppedAndBuiltAgain() throws Exception {
    TestDatabase database = HashPassword.database("killed_invalid");
    MigrationFiles files = atV1WithBigTable(database);
    try (Connection blocker = blockingWriter(database)) {
      int orphan = runAndKillDuringIndex(database, files);
      try (Connection admin = TestPostgres.get().admin();
          Statement statement = admin.createStatement()) {
        statement.execute(
            "SELECT pg_cancel_backend(" + orphan + ")"); // an operator cancels the orphaned build
      }
      awaitGone(orphan);
      blocker.rollback();
    }
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("f"),
          MigrationFiles.strings(
              connection, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_val'::regclass"),
          "the cancelled build left an INVALID index");
    }
    CliProcess.Result rerun = RunnerEnvironment.run(database, files).run();
    assertEquals(0, rerun.exitCode(), rerun.all());
    assertTrue(
        rerun.stderr().contains("is INVALID, left by an interrupted CREATE INDEX CONCURRENTLY"),
        rerun.stderr());
    assertAtHeadOnce(database);
  }

  private static void assertAtHeadOnce(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("1|t", "2|t", "3|t"),
          MigrationFiles.strings(
              connection,
              "SELECT concat_ws('|', version, success) FROM flyway_schema_history ORDER BY installed_rank"));
      assertEquals(
          List.of("big_pkey|t", "big_val|t"),
          MigrationFiles.strings(
              connection,
              "SELECT concat_ws('|', c.relname, i.indisvalid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                  + " WHERE i.indrelid = 'big'::regclass ORDER BY 1"));
    }
  }

  private static boolean isActive(int pid) throws Exception {
    try (Connection admin = TestPostgres.get().admin();
        ResultSet rows =
            admin
                .createStatement()
                .executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
      return rows.next() && "active".equals(rows.getString(1));
    }
  }

  private static void awaitGone(int pid) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      try (Connection admin = TestPostgres.get().admin();
          ResultSet rows =
              admin
                  .createStatement()
                  .executeQuery("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid)) {
        if (!rows.next()) {
          return;
        }
      }
      Thread.sleep(100);
    }
    fail("backend " + pid + " did not end");
  }

  private static void awaitStderr(CliProcess process, String text) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(deadline)) {
      if (process.stderrSoFar().contains(text)) {
        return;
      }
      assertFalse(
          !process.process().isAlive() && !process.stderrSoFar().contains(text),
          "the run ended without waiting:\n" + process.stderrSoFar());
      Thread.sleep(100);
    }
    fail("the run did not say '" + text + "':\n" + process.stderrSoFar());
  }
}
