package io.chartreuse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chartreuse run} with Flyway against a real PostgreSQL, through the packaged jar. */
class FlywayRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private MigrationFiles threeMigrations() {
    return new MigrationFiles(temp.resolve("migrations"))
        .add(
            "V1__create_users.sql",
            "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);")
        .add(
            "V2__create_orders.sql",
            "CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint REFERENCES users);")
        .add("V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;");
  }

  @Test
  void migratesAFreshDatabaseThenTheSecondRunIsANoOp() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("fresh");
    MigrationFiles migrations = threeMigrations();

    CliProcess.Result first = RunnerEnvironment.run(database, migrations, "-o", "json").run();
    assertEquals(0, first.exitCode(), first.all());
    JsonNode report = JSON.readTree(first.stdout());
    assertEquals("migrated", report.get("outcome").asText());
    assertEquals("3", report.at("/databases/0/current_after").asText());
    assertEquals(
        List.of("1", "2", "3"), JSON.convertValue(report.at("/databases/0/applied"), List.class));
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }

    CliProcess.Result second = RunnerEnvironment.run(database, migrations, "-o", "json").run();
    assertEquals(0, second.exitCode(), second.all());
    assertEquals("up-to-date", JSON.readTree(second.stdout()).get("outcome").asText());
    assertTrue(second.stderr().contains("nothing to migrate"), second.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void reportsPendingMigrationsAndAppliesOnlyThose() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("pending");
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);");
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());

    migrations
        .add("V2__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);")
        .add("V3__create_items.sql", "CREATE TABLE items (id bigserial PRIMARY KEY);");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations, "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    JsonNode db = JSON.readTree(result.stdout()).at("/databases/0");
    assertEquals("1", db.get("current_before").asText());
    assertEquals(2, db.get("pending").size());
    assertEquals("2", db.at("/pending/0/version").asText());
    assertEquals(List.of("2", "3"), JSON.convertValue(db.get("applied"), List.class));
    assertTrue(result.stderr().contains("current 1, head 3, 2 pending"), result.stderr());
  }

  @Test
  void aTamperedChecksumIsDriftAndNothingIsMigrated() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("drift");
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);");
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());

    migrations
        .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, extra int);")
        .add("V2__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations, "-o", "json").run();
    assertEquals(4, result.exitCode(), result.all());
    JsonNode report = JSON.readTree(result.stdout());
    assertEquals("drift", report.get("outcome").asText());
    assertEquals("checksum-mismatch", report.at("/databases/0/problems/0/kind").asText());
    assertEquals("1", report.at("/databases/0/problems/0/version").asText());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1"), MigrationFiles.appliedVersions(connection));
      assertEquals(List.of("users.id:bigint"), MigrationFiles.schema(connection));
    }

    CliProcess.Result allowed = RunnerEnvironment.run(database, migrations, "--allow-drift").run();
    assertEquals(0, allowed.exitCode(), allowed.all());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void aFailingThirdMigrationLeavesTheSchemaExactlyAsBefore() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("atomic");
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);");
    assertEquals(0, RunnerEnvironment.run(database, migrations).run().exitCode());
    List<String> schemaBefore;
    List<String> historyBefore;
    try (Connection connection = database.connect()) {
      schemaBefore = MigrationFiles.schema(connection);
      historyBefore = MigrationFiles.history(connection);
    }

    migrations
        .add("V2__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);")
        .add("V3__add_name.sql", "ALTER TABLE users ADD COLUMN name text;")
        .add("V4__broken.sql", "INSERT INTO no_such_table VALUES (1);");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations, "-o", "json").run();

    assertEquals(1, result.exitCode(), result.all());
    JsonNode report = JSON.readTree(result.stdout());
    assertEquals("failed", report.get("outcome").asText());
    String error = report.at("/databases/0/error").asText();
    assertTrue(
        error.contains("V4__broken.sql")
            && error.contains("no_such_table")
            && error.contains("42P01"),
        error);
    assertEquals("1", report.at("/databases/0/current_after").asText());
    try (Connection connection = database.connect()) {
      assertEquals(schemaBefore, MigrationFiles.schema(connection));
      assertEquals(historyBefore, MigrationFiles.history(connection));
    }
  }

  @Test
  void migrationsThatCannotRunInATransactionStillMigrate() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("concurrently");
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add(
                "V1__create_users.sql",
                "CREATE TABLE users (id bigserial PRIMARY KEY, email text);")
            .add("V2__index_email.sql", "CREATE INDEX CONCURRENTLY users_email ON users (email);")
            .add("V3__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations, "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    JsonNode db = JSON.readTree(result.stdout()).at("/databases/0");
    assertEquals(List.of("2"), JSON.convertValue(db.get("ungrouped"), List.class));
    assertTrue(result.stderr().contains("cannot run 2 inside a transaction"), result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
      assertEquals(
          List.of("users_email"),
          MigrationFiles.strings(
              connection, "SELECT indexname FROM pg_indexes WHERE indexname = 'users_email'"));
    }
  }

  @Test
  void theEmptyDatabaseRuleLeavesAnEmptyDatabaseAlone() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("empty");
    CliProcess.Result result =
        RunnerEnvironment.run(database, threeMigrations(), "-o", "json")
            .env("CHARTREUSE_ALLOW_EMPTY_DATABASE", "false")
            .run();
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(
        "skipped-empty", JSON.readTree(result.stdout()).at("/databases/0/status").asText());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  @Test
  void jsonLogLinesAreJson() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("jsonlog");
    CliProcess.Result result =
        RunnerEnvironment.run(database, threeMigrations(), "--log-format", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    for (String line : result.stderr().strip().split("\n")) {
      JsonNode node = JSON.readTree(line);
      assertTrue(node.has("time") && node.has("level") && node.has("message"), line);
    }
    assertTrue(result.stdout().contains("outcome: migrated"), result.stdout());
  }
}
