package io.chartreuse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live-schema drift in {@code chartreuse run}, through the packaged jar against a real PostgreSQL.
 */
class SchemaDriftRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private MigrationFiles twoMigrations() {
    return new MigrationFiles(temp.resolve("migrations"))
        .add(
            "V1__create_users.sql",
            "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);")
        .add(
            "V2__create_orders.sql",
            "CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric(10,2));");
  }

  private static void execute(TestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> storedVersions(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      return MigrationFiles.strings(
          connection, "SELECT migration_version FROM chartreuse_schema_snapshot ORDER BY taken_at");
    }
  }

  @Test
  void aManualChangeIsDriftAndNothingIsMigratedUntilAllowed() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("live_drift");
    MigrationFiles migrations = twoMigrations();
    CliProcess.Result first = RunnerEnvironment.run(database, migrations).run();
    assertEquals(0, first.exitCode(), first.all());
    assertTrue(first.stderr().contains("no stored schema snapshot yet"), first.stderr());
    assertEquals(List.of("2"), storedVersions(database));

    execute(
        database,
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2); CREATE INDEX orders_total_idx ON orders (total)");
    migrations.add("V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;");
    CliProcess.Result refused = RunnerEnvironment.run(database, migrations, "-o", "json").run();

    assertEquals(4, refused.exitCode(), refused.all());
    assertTrue(
        refused
            .stderr()
            .contains("column public.orders.total: type numeric(10,2) -> numeric(12,2)"),
        refused.stderr());
    assertTrue(refused.stderr().contains("index public.orders_total_idx: added"), refused.stderr());
    assertTrue(refused.stderr().contains("CHARTREUSE_ALLOW_SCHEMA_DRIFT=true"), refused.stderr());
    JsonNode report = JSON.readTree(refused.stdout());
    assertEquals("drift", report.get("outcome").asText());
    assertEquals("drift", report.at("/databases/0/status").asText());
    JsonNode finding = report.at("/databases/0/schema_drift/0");
    assertEquals("column", finding.get("kind").asText());
    assertEquals("public.orders.total", finding.get("name").asText());
    assertEquals("numeric(12,2)", finding.get("actual").asText());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2"), MigrationFiles.appliedVersions(connection));
    }
    assertEquals(List.of("2"), storedVersions(database));

    CliProcess.Result allowed =
        RunnerEnvironment.run(database, migrations)
            .env("CHARTREUSE_ALLOW_SCHEMA_DRIFT", "true")
            .run();
    assertEquals(0, allowed.exitCode(), allowed.all());
    assertEquals(List.of("2", "3"), storedVersions(database));

    CliProcess.Result clean = RunnerEnvironment.run(database, migrations).run();
    assertEquals(0, clean.exitCode(), clean.all());
    assertTrue(
        clean.stderr().contains("live schema matches the snapshot stored after version 3"),
        clean.stderr());
  }

  @Test
  void aDatabaseMigratedBeforeChartreuseIsNotDriftAndGetsASnapshot() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("before_chartreuse");
    MigrationFiles migrations = twoMigrations();
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations(migrations.location())
        .load()
        .migrate();

    CliProcess.Result result = RunnerEnvironment.run(database, migrations).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("no stored schema snapshot yet"), result.stderr());
    assertTrue(result.stderr().contains("schema snapshot stored"), result.stderr());
    assertEquals(List.of("2"), storedVersions(database));
    assertFalse(result.all().contains(database.password()), "no password in any output");
  }

  @Test
  void aFailureAfterANonTransactionalStepIsSeenAsAChangedSchema() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("changed_before_failure");
    MigrationFiles migrations = twoMigrations();
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());

    // Same version before and after: only the snapshot can tell that the index was committed.
    migrations.add(
        "V3__index_then_fail.sql",
        "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n"
            + "CREATE INDEX CONCURRENTLY orders_broken_idx ON orders (no_such_column);");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations).run();

    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("changed before the failure: index public.users_name_idx: added"),
        result.stderr());
    assertTrue(result.stderr().contains("the schema changed before the failure"), result.stderr());
    assertEquals(
        List.of("2"),
        storedVersions(database),
        "a run that does not reach head stores no snapshot");
  }

  @Test
  void theReportListsAsAppliedWhatTheHistoryRecordsAfterAFailure() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("applied_after_failure");
    MigrationFiles migrations = twoMigrations();
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());

    // V3 commits on its own (outside a transaction); V4 fails and rolls back.
    migrations
        .add("V3__index.sql", "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);")
        .add(
            "V4__broken.sql",
            "ALTER TABLE users ADD COLUMN email text; INSERT INTO nowhere VALUES (1);");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations, "-o", "json").run();

    assertEquals(1, result.exitCode(), result.all());
    JsonNode report = JSON.readTree(result.stdout());
    List<String> reported = new java.util.ArrayList<>();
    report.at("/databases/0/applied").forEach(version -> reported.add(version.asText()));
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }
    assertEquals(List.of("3"), reported, result.stdout());
    assertEquals("3", report.at("/databases/0/current_after").asText(), result.stdout());
  }

  @Test
  void theSnapshotTableDoesNotMakeAnEmptyDatabasePopulated() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("empty_with_snapshot");
    MigrationFiles none =
        new MigrationFiles(temp.resolve("none")).add("README.txt", "no migrations yet");
    CliProcess.Result first = RunnerEnvironment.run(database, none).run();
    assertEquals(0, first.exitCode(), first.all());
    assertEquals(1, storedVersions(database).size(), "a run at head stores a snapshot");

    CliProcess.Result second =
        RunnerEnvironment.run(database, twoMigrations(), "-o", "json")
            .env("CHARTREUSE_ALLOW_EMPTY_DATABASE", "false")
            .run();
    assertEquals(0, second.exitCode(), second.all());
    assertEquals(
        "skipped-empty", JSON.readTree(second.stdout()).at("/databases/0/status").asText());
  }

  @Test
  void onlyTheConfiguredSchemasAreCompared() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("drift_schemas");
    MigrationFiles migrations =
        twoMigrations()
            .add(
                "V3__reporting.sql",
                "CREATE SCHEMA reporting; CREATE TABLE reporting.daily (day date PRIMARY KEY);");
    CliProcess.Result first =
        RunnerEnvironment.run(database, migrations).env("CHARTREUSE_DRIFT_SCHEMAS", "public").run();
    assertEquals(0, first.exitCode(), first.all());

    execute(database, "ALTER TABLE reporting.daily ADD COLUMN total numeric");
    CliProcess.Result outside =
        RunnerEnvironment.run(database, migrations).env("CHARTREUSE_DRIFT_SCHEMAS", "public").run();
    assertEquals(0, outside.exitCode(), outside.all());

    execute(database, "ALTER TABLE users ADD COLUMN nickname text");
    CliProcess.Result inside =
        RunnerEnvironment.run(database, migrations).env("CHARTREUSE_DRIFT_SCHEMAS", "public").run();
    assertEquals(4, inside.exitCode(), inside.all());
    assertTrue(inside.stderr().contains("column public.users.nickname: added"), inside.stderr());
    assertFalse(inside.stderr().contains("reporting.daily"), inside.stderr());
  }

  @Test
  void aSnapshotOfAnotherVersionIsNotComparedAndIsReplacedAtHead() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("other_version");
    MigrationFiles migrations = twoMigrations();
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());
    migrations.add("V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;");
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations(migrations.location())
        .load()
        .migrate();

    CliProcess.Result result = RunnerEnvironment.run(database, migrations).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains("the stored schema snapshot belongs to version 2 but the database is at 3"),
        result.stderr());
    assertEquals(List.of("2", "3"), storedVersions(database));
  }
}
