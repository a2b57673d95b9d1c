package io.chartreuse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and unreachable databases: a one-line error, the documented exit code, no secret in any
 * output.
 */
class DatabaseProblemsIT {
  @TempDir Path temp;

  private MigrationFiles migrations() {
    return new MigrationFiles(temp.resolve("migrations"))
        .add("V1__t.sql", "CREATE TABLE t (id int);");
  }

  @Test
  void anUnreachableDatabaseTimesOutWithExit6WithinTheConfiguredTime() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TestDatabase nowhere =
        new TestDatabase("127.0.0.1", closedPort, "app", "app", "Unreachable-Pw-123");
    Instant start = Instant.now();
    CliProcess.Result result =
        RunnerEnvironment.run(nowhere, migrations())
            .env("CHARTREUSE_DATABASE_WAIT_TIMEOUT", "3")
            .run();
    Duration took = Duration.between(start, Instant.now());
    assertEquals(6, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("127.0.0.1:" + closedPort + "/app not ready after 3 s"),
        result.stderr());
    assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
  }

  @Test
  void aWrongPasswordIsAClearErrorAndThePasswordIsNeverShown() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("wrongpw");
    String wrong = "Wrong-Password-" + database.name();
    TestDatabase withWrongPassword =
        new TestDatabase(database.host(), database.port(), database.name(), database.user(), wrong);
    CliProcess.Result result =
        RunnerEnvironment.run(withWrongPassword, migrations(), "-o", "json")
            .secret(database.password())
            .run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result.all().contains("authentication failed for user " + database.user()), result.all());
  }

  @Test
  void aPasswordInsideTheUrlIsNeverShownEither() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("urlpw");
    CliProcess.Result result =
        CliProcess.of("run", "-o", "json", "--debug")
            .env(RunnerEnvironment.flyway(database, migrations()))
            .env("CHARTREUSE_DATABASE_URL", database.urlWithCredentials())
            .env("CHARTREUSE_DATABASE_USER", "")
            .env("CHARTREUSE_DATABASE_PASSWORD", "")
            .secret(database.password())
            .secret(
                java.net.URLEncoder.encode(
                    database.password(), java.nio.charset.StandardCharsets.UTF_8))
            .run();
    assertEquals(0, result.exitCode(), result.all());
  }

  @Test
  void aMalformedUrlIsAUsageErrorThatNamesTheVariable() {
    for (String url :
        new String[] {
          "mysql://app:Malformed-Pw-9@db/app",
          "postgresql://app:Malformed-Pw-9@db:99999/app",
          "postgresql://app:Malformed-Pw-9@db:5432"
        }) {
      CliProcess.Result result =
          CliProcess.of("run", "--skip-version-check")
              .env("CHARTREUSE_DATABASE_URL", url)
              .secret("Malformed-Pw-9")
              .run();
      assertEquals(2, result.exitCode(), result.all());
      assertTrue(
          result.stderr().startsWith("chartreuse: CHARTREUSE_DATABASE_URL "), result.stderr());
      assertEquals(1, result.stderr().strip().split("\n").length, result.stderr());
    }
  }

  @Test
  void unknownAndContradictorySettingsAreUsageErrors() {
    CliProcess.Result typo =
        CliProcess.of("run", "--skip-version-check")
            .env("CHARTREUSE_DATABASE_URL", "postgresql://db/app")
            .env("CHARTREUSE_LOCK_TIMOUT", "5")
            .run();
    assertEquals(2, typo.exitCode());
    assertTrue(typo.stderr().contains("CHARTREUSE_LOCK_TIMOUT"), typo.stderr());

    CliProcess.Result both =
        CliProcess.of("run", "--skip-version-check")
            .env("CHARTREUSE_DATABASE_URL", "postgresql://db/app")
            .env("CHARTREUSE_ALEMBIC_URL", "postgresql://db/app")
            .run();
    assertEquals(2, both.exitCode());
    assertTrue(both.stderr().contains("are both set"), both.stderr());

    CliProcess.Result badNumber =
        CliProcess.of("run", "--skip-version-check")
            .env("CHARTREUSE_DATABASE_URL", "postgresql://db/app")
            .env("CHARTREUSE_DATABASE_WAIT_TIMEOUT", "soon")
            .run();
    assertEquals(2, badNumber.exitCode());
    assertTrue(
        badNumber.stderr().contains("CHARTREUSE_DATABASE_WAIT_TIMEOUT must be a whole number"),
        badNumber.stderr());
  }

  @Test
  void theVersionGateRefusesAnotherChartGeneration() {
    CliProcess.Result result =
        CliProcess.of("run")
            .env("CHARTREUSE_DATABASE_URL", "postgresql://db/app")
            .env("HELM_CHART_APP_VERSION", "99.1.0")
            .run();
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("does not match runner version"), result.stderr());

    CliProcess.Result missing =
        CliProcess.of("run").env("CHARTREUSE_DATABASE_URL", "postgresql://db/app").run();
    assertEquals(2, missing.exitCode());
    assertTrue(missing.stderr().contains("--skip-version-check"), missing.stderr());
  }

  @Test
  void withoutAClusterPodStoppingIsOffAndSaysSo() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("nocluster");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations()).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("pod stopping: off: no Kubernetes cluster"), result.stderr());
  }
}
