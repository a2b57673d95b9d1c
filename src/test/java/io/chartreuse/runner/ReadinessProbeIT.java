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
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readiness probe (the original's Patroni wait) against real PostgreSQL: it passes once the
 * owner, writer and reader roles and their default privileges exist, leaves no trace, and times out
 * with exit 6, migrating nothing, while they do not.
 */
class ReadinessProbeIT {
  @TempDir Path temp;

  private MigrationFiles migrations() {
    return new MigrationFiles(temp.resolve("migrations"))
        .add("V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
  }

  @Test
  void passesWhenRolesAndDefaultPrivilegesAreReadyAndLeavesNoTrace() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("probe_ok");
    String prefix = database.name();
    try (Connection admin = TestPostgres.get().adminTo(database);
        Statement sql = admin.createStatement()) {
      for (String role : List.of("owner", "writer", "reader")) {
        sql.execute("CREATE ROLE " + prefix + "_" + role);
        sql.execute("GRANT " + prefix + "_" + role + " TO " + database.user());
        sql.execute("GRANT USAGE ON SCHEMA public TO " + prefix + "_" + role);
      }
      sql.execute("GRANT CREATE ON SCHEMA public TO " + prefix + "_owner");
      sql.execute(
          "ALTER DEFAULT PRIVILEGES FOR ROLE "
              + prefix
              + "_owner IN SCHEMA public GRANT INSERT, SELECT ON TABLES TO "
              + prefix
              + "_writer");
      sql.execute(
          "ALTER DEFAULT PRIVILEGES FOR ROLE "
              + prefix
              + "_owner IN SCHEMA public GRANT SELECT ON TABLES TO "
              + prefix
              + "_reader");
      sql.execute(
          "ALTER DEFAULT PRIVILEGES FOR ROLE "
              + prefix
              + "_owner IN SCHEMA public GRANT USAGE ON SEQUENCES TO "
              + prefix
              + "_writer");
    }
    CliProcess.Result result = probing(database, prefix, "30").run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("and their default privileges are ready"), result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1"), MigrationFiles.appliedVersions(connection));
      assertEquals(
          List.of(),
          MigrationFiles.strings(
              connection,
              "SELECT tablename FROM pg_tables WHERE tablename = '_chartreuse_test_default_privileges'"),
          "the probe's table is rolled back");
    }
  }

  @Test
  void timesOutWithExit6WhileTheRolesAreMissingAndMigratesNothing() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("probe_missing");
    CliProcess.Result result = probing(database, database.name(), "3").run();
    assertEquals(6, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("roles and default privileges not ready"), result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of(),
          MigrationFiles.strings(
              connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
    }
  }

  private CliProcess probing(TestDatabase database, String prefix, String timeoutSeconds) {
    return RunnerEnvironment.run(database, migrations())
        .env("CHARTREUSE_READINESS_PROBE", "true")
        .env("CHARTREUSE_READINESS_OWNER_ROLE", prefix + "_owner")
        .env("CHARTREUSE_READINESS_WRITER_ROLE", prefix + "_writer")
        .env("CHARTREUSE_READINESS_READER_ROLE", prefix + "_reader")
        .env("CHARTREUSE_READINESS_TIMEOUT", timeoutSeconds);
  }
}
