package io.chartreuse.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.HashPassword;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 2b: an application's jar with SQL and Java migrations under a {@code classpath:}
 * location, and a library jar its Java migration depends on, given as a directory of jars.
 */
class ApplicationJarIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOCATION = "classpath:com/example/db/migration";

  @TempDir Path temp;

  private Path libraryJar(Path lib) throws Exception {
    return new TestJar()
        .java(
            "com.example.text.Names",
            """
            package com.example.text;
            public final class Names {
              public static String greeting(String name) { return "hello " + name; }
            }
            """)
        .write(lib.resolve("app-text-1.0.jar"));
  }

  private Path applicationJar(Path lib, Path library, String javaBody) throws Exception {
    return new TestJar()
        .against(library)
        .resource(
            "com/example/db/migration/V1__create_account.sql",
            "CREATE TABLE account (id int PRIMARY KEY, name text NOT NULL);")
        .java(
            "com.example.db.migration.V2__Seed_accounts",
            """
            package com.example.db.migration;
            import org.flywaydb.core.api.migration.BaseJavaMigration;
            import org.flywaydb.core.api.migration.Context;
            public class V2__Seed_accounts extends BaseJavaMigration {
              @Override
              public void migrate(Context context) throws Exception {
                %s
              }
            }
            """
                .formatted(javaBody))
        .resource(
            "com/example/db/migration/V3__add_email.sql",
            "ALTER TABLE account ADD COLUMN email text;")
        .write(lib.resolve("app-2.0.jar"));
  }

  private static final String SEED =
      """
      try (var insert = context.getConnection().prepareStatement("INSERT INTO account VALUES (?, ?)")) {
        for (int id = 1; id <= 2; id++) {
          insert.setInt(1, id);
          insert.setString(2, com.example.text.Names.greeting("user" + id));
          insert.executeUpdate();
        }
      }
      """;

  private CliProcess run(TestDatabase database, Path jars) {
    return RunnerEnvironment.run(database, new MigrationFiles(temp.resolve("unused")), "-o", "json")
        .env("CHARTREUSE_FLYWAY_LOCATIONS", LOCATION)
        .env("CHARTREUSE_FLYWAY_JARS", jars.toString());
  }

  @Test
  void sqlAndJavaMigrationsOfTheJarRunInVersionOrderInOneTransaction() throws Exception {
    TestDatabase database = HashPassword.database("appjar");
    Path lib = temp.resolve("lib");
    applicationJar(lib, libraryJar(lib), SEED);

    CliProcess.Result result = run(database, lib).run();
    assertEquals(0, result.exitCode(), result.all());
    JsonNode db = JSON.readTree(result.stdout()).at("/databases/0");
    assertEquals(List.of("1", "2", "3"), JSON.convertValue(db.get("applied"), List.class));
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("1|create account|SQL", "2|Seed accounts|JDBC", "3|add email|SQL"),
          MigrationFiles.strings(
              connection,
              "SELECT concat_ws('|', version, description, type) FROM flyway_schema_history ORDER BY installed_rank"));
      // Rows written by one transaction share its id.
      assertEquals(
          List.of("1"),
          MigrationFiles.strings(
              connection, "SELECT count(DISTINCT xmin::text) FROM flyway_schema_history"));
      assertEquals(
          List.of("hello user1", "hello user2"),
          MigrationFiles.strings(connection, "SELECT name FROM account ORDER BY id"));
    }
    CliProcess.Result again = run(database, lib.resolve("app-2.0.jar")).run();
    assertEquals(0, again.exitCode(), again.all());
    assertEquals("up-to-date", JSON.readTree(again.stdout()).get("outcome").asText());
  }

  @Test
  void aSplitRunFromAJarRunsAJavaRepeatableLastAndRecognisesAnIndexAlreadyBuilt() throws Exception {
    TestDatabase database = HashPassword.database("appjar_split");
    String v1 = "CREATE TABLE account (id int PRIMARY KEY, name text);";
    Path first =
        new TestJar()
            .resource("com/example/db/migration/V1__create_account.sql", v1)
            .write(temp.resolve("v1/app.jar"));
    assertEquals(0, run(database, first).run().exitCode());
    try (Connection connection = database.connect();
        var statement = connection.createStatement()) {
      statement.execute(
          "CREATE INDEX account_name ON account (name)"); // what a killed run's backend finished
    }
    Path jar =
        new TestJar()
            .resource("com/example/db/migration/V1__create_account.sql", v1)
            .resource(
                "com/example/db/migration/V2__index_name.sql",
                "CREATE INDEX CONCURRENTLY account_name ON account (name);")
            .resource(
                "com/example/db/migration/V3__create_audit.sql",
                "CREATE TABLE audit (account_id int);")
            .java(
                "com.example.db.migration.R__Account_audit_view",
                """
            package com.example.db.migration;
            import org.flywaydb.core.api.migration.BaseJavaMigration;
            import org.flywaydb.core.api.migration.Context;
            public class R__Account_audit_view extends BaseJavaMigration {
              @Override
              public void migrate(Context context) throws Exception {
                try (var statement = context.getConnection().createStatement()) {
                  statement.execute("CREATE OR REPLACE VIEW account_audit AS SELECT a.id FROM account a JOIN audit u ON u.account_id = a.id");
                }
              }
            }
            """)
            .write(temp.resolve("v3/app.jar"));
    CliProcess.Result result = run(database, jar).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("index account_name of migration V2__index_name.sql is done"),
        result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("1|t", "2|t", "3|t", "Account audit view|t"),
          MigrationFiles.strings(
              connection,
              "SELECT concat_ws('|', coalesce(version, description), success) FROM flyway_schema_history ORDER BY installed_rank"));
      assertEquals(
          List.of("account_audit"),
          MigrationFiles.strings(
              connection, "SELECT viewname FROM pg_views WHERE viewname = 'account_audit'"));
    }
  }

  @Test
  void aFailingJavaMigrationLeavesTheSchemaAsItWas() throws Exception {
    TestDatabase database = HashPassword.database("appjar_fail");
    Path lib = temp.resolve("lib");
    Path library = libraryJar(lib);
    Path app =
        applicationJar(lib, library, "throw new IllegalStateException(\"seed data unavailable\");");

    CliProcess.Result result = run(database, Path.of(library + "," + app)).run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result.stdout().contains("Seed_accounts")
            || result.stdout().contains("seed data unavailable"),
        result.stdout());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
      assertEquals(List.of(), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void aV6YamlEntryTakesTheJarsToo() throws Exception {
    TestDatabase database = HashPassword.database("appjar_yaml");
    Path lib = temp.resolve("lib");
    applicationJar(lib, libraryJar(lib), SEED);
    Path config = temp.resolve("chartreuse-config.yaml");
    java.nio.file.Files.writeString(
        config,
        String.join(
            "\n",
            "databases:",
            "  shop:",
            "    dialect: postgresql",
            "    user: " + database.user(),
            "    password: '" + database.password() + "'",
            "    host: " + database.host(),
            "    port: " + database.port(),
            "    database: " + database.name(),
            "    engine: flyway",
            "    flyway_locations: [" + LOCATION + "]",
            "    flyway_jars: [" + lib + "]",
            ""));
    CliProcess.Result result =
        CliProcess.of("run", "-o", "json")
            .env("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"))
            .env("CHARTREUSE_MULTI_CONFIG_PATH", config.toString())
            .env("CHARTREUSE_ENABLE_STOP_PODS", "false")
            .secret(database.password())
            .run();
    assertEquals(0, result.exitCode(), result.all());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void aMissingJarIsAUsageErrorNamingTheVariable() throws Exception {
    TestDatabase database = HashPassword.database("appjar_missing");
    CliProcess.Result result = run(database, temp.resolve("no-such.jar")).run();
    assertEquals(2, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "CHARTREUSE_FLYWAY_JARS entry " + temp.resolve("no-such.jar") + " does not exist"),
        result.stderr());
  }
}
