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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chartreuse repair}: the failed row a non-transactional migration leaves, and checksums
 * only when asked.
 */
class RepairIT {
  @TempDir Path temp;

  private static CliProcess repair(TestDatabase database, MigrationFiles files, String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "repair";
    System.arraycopy(flags, 0, args, 1, flags.length);
    return CliProcess.of(args)
        .env(RunnerEnvironment.flyway(database, files))
        .secret(database.password());
  }

  private static List<String> history(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      return MigrationFiles.strings(
          connection,
          "SELECT concat_ws('|', version, success) FROM flyway_schema_history ORDER BY installed_rank");
    }
  }

  @Test
  void aFailedNonTransactionalMigrationIsRepairedThenApplied() throws Exception {
    TestDatabase database = HashPassword.database("repair_failed");
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m"))
            .add("V1__t.sql", "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (1);")
            .add("V2__unique_x.sql", "CREATE UNIQUE INDEX CONCURRENTLY t_x ON t (x);");
    CliProcess.Result failed = RunnerEnvironment.run(database, files).run();
    assertEquals(1, failed.exitCode(), failed.all());
    assertEquals(List.of("1|t", "2|f"), history(database));

    CliProcess.Result drift = RunnerEnvironment.run(database, files).run();
    assertEquals(4, drift.exitCode(), drift.all());
    assertTrue(drift.stdout().contains("'chartreuse repair' removes the row"), drift.stdout());

    CliProcess.Result repaired = repair(database, files).run();
    assertEquals(0, repaired.exitCode(), repaired.all());
    assertEquals("default: removed failed rows: 2 (unique x)\n", repaired.stdout());
    assertEquals(List.of("1|t"), history(database));

    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "DELETE FROM t WHERE ctid <> (SELECT min(ctid) FROM t)"); // the user fixes the data
    }
    CliProcess.Result applied = RunnerEnvironment.run(database, files).run();
    assertEquals(0, applied.exitCode(), applied.all());
    assertTrue(
        applied.stderr().contains("is INVALID, left by an interrupted CREATE INDEX CONCURRENTLY"),
        applied.stderr());
    assertEquals(List.of("1|t", "2|t"), history(database));
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("t"),
          MigrationFiles.strings(
              connection, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_x'::regclass"));
    }
  }

  @Test
  void checksumsAreRealignedOnlyWhenAsked() throws Exception {
    TestDatabase database = HashPassword.database("repair_checksum");
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m")).add("V1__t.sql", "CREATE TABLE t (x int);");
    assertEquals(0, RunnerEnvironment.run(database, files).run().exitCode());
    files.add("V1__t.sql", "-- reformatted\nCREATE TABLE t (x int);");

    CliProcess.Result plain = repair(database, files).run();
    assertEquals(0, plain.exitCode(), plain.all());
    assertEquals("default: removed failed rows: none\n", plain.stdout());
    assertEquals(4, RunnerEnvironment.run(database, files).run().exitCode());

    CliProcess.Result realigned = repair(database, files, "--realign-checksums").run();
    assertEquals(0, realigned.exitCode(), realigned.all());
    assertTrue(realigned.stdout().contains("realigned to the files: 1 (t)"), realigned.stdout());
    CliProcess.Result run = RunnerEnvironment.run(database, files, "-o", "json").run();
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.stdout().contains("\"outcome\" : \"up-to-date\""), run.stdout());
  }
}
