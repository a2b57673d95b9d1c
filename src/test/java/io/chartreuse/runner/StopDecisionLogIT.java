package io.chartreuse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run} logs about the stop policy before it migrates, with a real PostgreSQL and no
 * cluster (the Deployments' side is StopPolicyIT's): the verdict of each pending migration with its
 * reasons, then the decision; with {@code always} the decision alone (nothing is classified).
 */
class StopDecisionLogIT {
  @TempDir Path temp;

  private CliProcess.Result run(String name, String policy, String... migrations) {
    TestDatabase database = TestPostgres.get().createDatabase(name);
    MigrationFiles files = new MigrationFiles(temp.resolve(name));
    for (int i = 0; i < migrations.length; i++) {
      files.add("V" + (i + 1) + "__m" + (i + 1) + ".sql", migrations[i]);
    }
    return RunnerEnvironment.run(database, files).env("CHARTREUSE_STOP_POLICY", policy).run();
  }

  @Test
  void breakingPolicyLogsVerdictsAndStopsClassifyingAtTheFirstBreakingOne() {
    CliProcess.Result result =
        run(
            "log_breaking",
            "breaking",
            "CREATE TABLE users (id bigserial PRIMARY KEY, email text);",
            "ALTER TABLE users DROP COLUMN email;",
            "CREATE TABLE orders (id bigserial PRIMARY KEY);");
    assertEquals(0, result.exitCode(), result.all());
    String log = result.stderr();
    assertTrue(log.contains("default: 1 compatible"), log);
    assertTrue(log.contains("default: 2 breaking"), log);
    assertTrue(
        log.contains("V2__m2.sql:1 DROP COLUMN users.email - running code that reads it fails"),
        log);
    assertTrue(log.contains("1 later pending migration(s) not classified"), log);
    assertTrue(
        log.contains(
            "stop policy breaking: stopping the Deployments for 2 breaking (unknown counts as breaking)"),
        log);
    assertTrue(
        log.indexOf("stop policy breaking") < log.indexOf("applying 3 migration(s)"),
        "decision before acting: " + log);
  }

  @Test
  void alwaysPolicyLogsTheDecisionAndClassifiesNothing() {
    CliProcess.Result result =
        run("log_always", "always", "CREATE TABLE users (id bigserial PRIMARY KEY);");
    assertEquals(0, result.exitCode(), result.all());
    String log = result.stderr();
    assertTrue(
        log.contains(
            "stop policy always: stopping the Deployments for every pending migration (not"
                + " classified; run --check-only shows the verdicts)"),
        log);
    assertTrue(
        log.indexOf("stop policy always") < log.indexOf("applying 1 migration(s)"),
        "decision before acting: " + log);
    assertFalse(log.contains("1 compatible"), log);
  }

  @Test
  void neverPolicyLogsLockRisksOfWhatRunsWithTheApplicationUp() {
    CliProcess.Result result =
        run(
            "log_never",
            "never",
            "CREATE TABLE users (id bigserial PRIMARY KEY, email text);\nCREATE INDEX users_email ON users (email);");
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("risk: builds the index under a SHARE lock"), result.stderr());
    assertTrue(
        result.stderr().contains("stop policy never: migrating with the application running"),
        result.stderr());
  }
}
