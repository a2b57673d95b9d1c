package io.chartreuse.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chartreuse check}, the CI gate, through the packaged jar against a real PostgreSQL: exit
 * codes and outputs.
 */
class CheckCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private MigrationFiles migrations() {
    return new MigrationFiles(temp.resolve("migrations"))
        .add(
            "V1__create_users.sql",
            "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);")
        .add(
            "V2__create_orders.sql",
            "CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric(10,2));");
  }

  /** A database migrated by {@code chartreuse run}, so it has a stored snapshot. */
  private TestDatabase migratedByChartreuse(String prefix, MigrationFiles migrations) {
    TestDatabase database = TestPostgres.get().createDatabase(prefix);
    CliProcess.Result run = RunnerEnvironment.run(database, migrations).run();
    assertEquals(0, run.exitCode(), run.all());
    return database;
  }

  private static CliProcess check(
      TestDatabase database, MigrationFiles migrations, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "check",
                "--url",
                database.jdbcUrl(),
                "--user",
                database.user(),
                "--migrations",
                migrations.directory().toString()));
    args.addAll(List.of(extra));
    return CliProcess.of(args.toArray(String[]::new))
        .env("CHARTREUSE_DATABASE_PASSWORD", database.password())
        .secret(database.password());
  }

  private static void execute(TestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void cleanPendingAndAllowedPending() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = migratedByChartreuse("check_clean", migrations);

    CliProcess.Result clean = check(database, migrations).run();
    assertEquals(0, clean.exitCode(), clean.all());
    assertTrue(clean.stdout().contains("result: clean (exit 0)"), clean.stdout());
    assertTrue(
        clean.stdout().contains("live schema compared with the snapshot stored"), clean.stdout());

    migrations.add("V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;");
    CliProcess.Result pending = check(database, migrations, "-o", "json").run();
    assertEquals(3, pending.exitCode(), pending.all());
    assertEquals("3", JSON.readTree(pending.stdout()).at("/pending/0/version").asText());
    assertEquals(0, check(database, migrations, "--allow-pending").run().exitCode());
    assertEquals(
        0,
        check(database, migrations, "--fail-on", "drift").run().exitCode(),
        "--fail-on drift: pending passes");
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("1", "2"), MigrationFiles.appliedVersions(connection), "check migrates nothing");
    }
  }

  @Test
  void eachPendingMigrationShowsItsVerdictInTheTableTheJsonAndTheGithubSummary() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = migratedByChartreuse("check_verdicts", migrations);
    migrations
        .add("V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;")
        .add("V4__drop_name.sql", "ALTER TABLE users DROP COLUMN name;")
        .add(
            "V5__drop_total.sql",
            "-- chartreuse: compatible - nothing reads orders.total since 1.4\n"
                + "ALTER TABLE orders DROP COLUMN total;");

    CliProcess.Result table = check(database, migrations).run();
    assertEquals(3, table.exitCode(), table.all());
    assertTrue(
        table.stdout().contains("pending: 3 add email (V3__add_email.sql): compatible\n"),
        table.stdout());
    assertTrue(
        table
            .stdout()
            .contains(
                "pending: 4 drop name (V4__drop_name.sql): breaking\n"
                    + "      V4__drop_name.sql:1 DROP COLUMN users.name - running code that reads"
                    + " it fails"),
        table.stdout());
    assertTrue(
        table
            .stdout()
            .contains("pending: 5 drop total (V5__drop_total.sql): compatible (declared)"),
        table.stdout());

    JsonNode json = JSON.readTree(check(database, migrations, "-o", "json").run().stdout());
    assertEquals("4", json.at("/verdicts/1/version").asText());
    assertEquals("breaking", json.at("/verdicts/1/verdict").asText());
    assertTrue(json.at("/verdicts/2/declared").asBoolean(), json.toPrettyString());

    Path summary = temp.resolve("verdicts.md");
    CliProcess.Result github =
        check(database, migrations, "--allow-pending")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", summary.toString())
            .run();
    assertEquals(0, github.exitCode(), github.all());
    assertTrue(
        github
            .stdout()
            .contains(
                "::warning title=chartreuse%3A pending migration::4 drop name (V4__drop_name.sql):"
                    + " breaking"),
        github.stdout());
    String markdown = Files.readString(summary);
    assertTrue(
        markdown.contains(
            "| 4 drop name | **breaking** | V4__drop_name.sql:1 DROP COLUMN users.name - running"
                + " code that reads it fails |"),
        markdown);
    assertTrue(markdown.contains("| 3 add email | **compatible** |"), markdown);
  }

  @Test
  void historyDriftIsExitFour() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = migratedByChartreuse("check_history", migrations);
    migrations.add(
        "V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, name text);");
    CliProcess.Result result = check(database, migrations).run();
    assertEquals(4, result.exitCode(), result.all());
    assertTrue(result.stdout().contains("history drift: checksum-mismatch 1"), result.stdout());
  }

  @Test
  void liveDriftIsExitFourWithGithubAnnotationsAndSummary() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = migratedByChartreuse("check_live", migrations);
    execute(database, "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)");
    Path summary = temp.resolve("summary.md");

    CliProcess.Result result =
        check(database, migrations)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", summary.toString())
            .run();

    assertEquals(4, result.exitCode(), result.all());
    assertTrue(
        result
            .stdout()
            .contains(
                "schema drift: column public.orders.total: type numeric(10,2) -> numeric(12,2)"),
        result.stdout());
    assertTrue(
        result
            .stdout()
            .contains(
                "::error title=chartreuse%3A schema drift::column public.orders.total: type numeric(10,2) -> numeric(12,2)"),
        result.stdout());
    String markdown = Files.readString(summary);
    assertTrue(markdown.startsWith("## chartreuse check: drift"), markdown);
    assertTrue(
        markdown.contains("- `column public.orders.total: type numeric(10,2) -> numeric(12,2)`"),
        markdown);
    assertTrue(!markdown.contains(database.password()));
  }

  @Test
  void aShadowDatabaseFindsAManualChangeWhereNoSnapshotWasStored() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = TestPostgres.get().createDatabase("check_shadow");
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations(migrations.location())
        .load()
        .migrate();
    execute(database, "CREATE INDEX orders_total_idx ON orders (total)");
    TestDatabase shadow = TestPostgres.get().createDatabase("check_shadow_scratch");

    CliProcess.Result withoutShadow = check(database, migrations).run();
    assertEquals(0, withoutShadow.exitCode(), withoutShadow.all());
    assertTrue(
        withoutShadow.stdout().contains("no stored snapshot (give --shadow-url"),
        withoutShadow.stdout());

    CliProcess.Result result =
        check(database, migrations, "--shadow-url", shadow.urlWithCredentials(), "-o", "json")
            .secret(shadow.password())
            .run();
    assertEquals(4, result.exitCode(), result.all());
    JsonNode finding = JSON.readTree(result.stdout()).at("/schema_drift/0");
    assertEquals("index", finding.get("kind").asText());
    assertEquals("public.orders_total_idx", finding.get("name").asText());
    assertEquals("added", finding.get("change").asText());
    try (Connection connection = database.connect()) {
      assertEquals(
          "f",
          MigrationFiles.strings(
                  connection, "SELECT to_regclass('chartreuse_schema_snapshot') IS NOT NULL")
              .get(0),
          "check writes no snapshot");
    }
  }

  @Test
  void theShadowDatabaseConfirmsOrCorrectsEachPendingVerdict() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = TestPostgres.get().createDatabase("check_shadow_verdicts");
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations(migrations.location())
        .load()
        .migrate();
    migrations
        .add(
            "V3__drop_name.sql",
            "-- chartreuse: compatible - nothing reads users.name\n"
                + "ALTER TABLE users DROP COLUMN name;")
        .add("V4__add_email.sql", "ALTER TABLE users ADD COLUMN email text;")
        .add("V5__backfill.sql", "UPDATE users SET email = 'x';");
    TestDatabase shadow = TestPostgres.get().createDatabase("check_shadow_verdicts_scratch");

    CliProcess.Result result =
        check(database, migrations, "--shadow-url", shadow.urlWithCredentials(), "-o", "json")
            .secret(shadow.password())
            .run();
    assertEquals(3, result.exitCode(), result.all());
    JsonNode verdicts = JSON.readTree(result.stdout()).get("verdicts");
    assertEquals("breaking", verdicts.at("/0/verdict").asText(), verdicts.toPrettyString());
    assertEquals(
        "corrected by the shadow database (the SQL was judged compatible, as declared): column"
            + " public.users.name: missing - dropped or renamed: running code that uses it fails",
        verdicts.at("/0/shadow").asText());
    assertEquals("compatible", verdicts.at("/1/verdict").asText());
    assertEquals(
        "confirmed by the shadow database: no breaking schema change",
        verdicts.at("/1/shadow").asText());
    assertEquals("unknown", verdicts.at("/2/verdict").asText());
    assertTrue(
        verdicts
            .at("/2/shadow")
            .asText()
            .startsWith(
                "the shadow database shows no breaking schema change; the verdict stays unknown"),
        verdicts.toPrettyString());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("1", "2"), MigrationFiles.appliedVersions(connection), "check migrates nothing");
    }
  }

  @Test
  void anUnreachableDatabaseIsExitSixAndBadFlagsAreExitTwo() throws Exception {
    MigrationFiles migrations = migrations();
    TestDatabase database = TestPostgres.get().createDatabase("check_unreachable");
    CliProcess.Result unreachable =
        CliProcess.of(
                "check",
                "--url",
                "postgresql://app@127.0.0.1:1/none",
                "--migrations",
                migrations.directory().toString())
            .env("CHARTREUSE_DATABASE_PASSWORD", database.password())
            .secret(database.password())
            .run();
    assertEquals(6, unreachable.exitCode(), unreachable.all());
    assertTrue(
        unreachable.stderr().contains("cannot reach 127.0.0.1:1/none"), unreachable.stderr());

    CliProcess.Result noDirectory =
        check(database, new MigrationFiles(temp.resolve("nothing-here"))).run();
    assertEquals(2, noDirectory.exitCode(), noDirectory.all());
    assertTrue(noDirectory.stderr().contains("--migrations"), noDirectory.stderr());
  }
}
