package io.chartreuse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users of the original Chartreuse switch without changing their chart values: the v4 variables and
 * the v6/v7 multi-database YAML drive a real Alembic (Debian's python3-alembic) against real
 * PostgreSQL.
 */
class OriginalConfigurationIT {
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path temp;
  private Path project;

  @BeforeEach
  void copyAlembicProject() throws IOException {
    Path source =
        Path.of(
            System.getProperty("chartreuse.basedir", "."), "src/test/resources/alembic-project");
    project = temp.resolve("alembic");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = project.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private Map<String, String> v4(TestDatabase database) {
    Map<String, String> env = new HashMap<>();
    env.put("HELM_CHART_VERSION", System.getProperty("chartreuse.version", "0.1.0"));
    env.put("CHARTREUSE_ALEMBIC_URL", database.urlWithCredentials() + "?sslmode=prefer");
    env.put("CHARTREUSE_ALEMBIC_ALLOW_MIGRATION_FOR_EMPTY_DATABASE", "1");
    env.put("CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS", "-x env_type=staging");
    env.put("CHARTREUSE_ALEMBIC_DIRECTORY_PATH", project.toString());
    env.put("CHARTREUSE_ALEMBIC_CONFIG_FILE_PATH", "alembic.ini");
    env.put("CHARTREUSE_ENABLE_STOP_PODS", "");
    env.put("CHARTREUSE_RELEASE_NAME", "my-release");
    env.put("CHARTREUSE_UPGRADE_BEFORE_DEPLOYMENT", "");
    env.put("HELM_IS_INSTALL", "1");
    env.put("CHARTREUSE_MIGRATE_CONTAINER_IMAGE", "example/app:1.0");
    env.put("CHARTREUSE_UPGRADE_PRIORITYCLASS_NAME", "");
    env.put("CHARTREUSE_PYTHON", PYTHON);
    env.put("CHARTREUSE_DATABASE_WAIT_TIMEOUT", "20");
    return env;
  }

  @Test
  void theV4VariablesMigrateWithAlembic() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("v4");
    CliProcess.Result first =
        CliProcess.of("run").env(v4(database)).secret(database.password()).run();
    assertEquals(0, first.exitCode(), first.all());
    assertTrue(
        first.stdout().contains("engine") || first.stdout().contains("alembic"), first.stdout());
    assertTrue(
        first.stderr().contains("pod stopping: off: CHARTREUSE_ENABLE_STOP_PODS is false"),
        first.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("bbbbbbbbbbbb"),
          MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
      assertEquals(
          List.of("staging"), MigrationFiles.strings(connection, "SELECT env_type FROM upgraded"));
    }

    CliProcess.Result second =
        CliProcess.of("run").env(v4(database)).secret(database.password()).run();
    assertEquals(0, second.exitCode(), second.all());
    assertTrue(second.stdout().contains("outcome: up-to-date"), second.stdout());
  }

  @Test
  void aV6YamlWithTwoDatabasesMigratesBothInOrder() throws Exception {
    TestDatabase main = TestPostgres.get().createDatabase("v6main");
    TestDatabase audit = TestPostgres.get().createDatabase("v6audit");
    Path config = temp.resolve("chartreuse-config.yaml");
    Files.writeString(config, "databases:\n" + entry("main", main) + entry("audit", audit));
    Map<String, String> env = new HashMap<>();
    env.put("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"));
    env.put("CHARTREUSE_MULTI_CONFIG_PATH", config.toString());
    env.put("CHARTREUSE_RELEASE_NAME", "my-release");
    env.put("CHARTREUSE_ENABLE_STOP_PODS", "false");
    env.put("CHARTREUSE_PYTHON", PYTHON);

    CliProcess.Result result =
        CliProcess.of("run", "-o", "json")
            .env(env)
            .secret(main.password())
            .secret(audit.password())
            .run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stdout().indexOf("\"name\" : \"main\"")
            < result.stdout().indexOf("\"name\" : \"audit\""),
        result.stdout());
    assertTrue(
        result.stderr().indexOf("main: applying") < result.stderr().indexOf("audit: applying"),
        result.stderr());
    try (Connection connection = main.connect()) {
      assertEquals(
          List.of("bbbbbbbbbbbb"),
          MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
    }
    try (Connection connection = audit.connect()) {
      assertEquals(
          List.of("cccccccccccc"),
          MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
      assertEquals(
          List.of("audit_log.entry:text", "audit_log.id:integer"),
          MigrationFiles.schema(connection).stream()
              .filter(c -> c.startsWith("audit_log."))
              .sorted()
              .toList());
    }
  }

  @Test
  void aFailingAlembicRevisionFailsTheRunAndLeavesTheDatabaseAsBefore() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("v4fail");
    Files.writeString(
        project.resolve("main/versions/dddddddddddd_broken.py"),
        "revision = 'dddddddddddd'\ndown_revision = 'bbbbbbbbbbbb'\nfrom alembic import op\n\n"
            + "def upgrade():\n    op.execute('INSERT INTO no_such_table VALUES (1)')\n");
    CliProcess.Result result =
        CliProcess.of("run", "-o", "json").env(v4(database)).secret(database.password()).run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(result.stdout().contains("no_such_table"), result.stdout());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  private String entry(String name, TestDatabase database) {
    return "  "
        + name
        + ":\n"
        + "    dialect: postgresql\n"
        + "    user: "
        + database.user()
        + "\n"
        + "    password: \""
        + database.password()
        + "\"\n"
        + "    host: "
        + database.host()
        + "\n"
        + "    port: "
        + database.port()
        + "\n"
        + "    database: "
        + database.name()
        + "\n"
        + "    alembic_directory_path: "
        + project
        + "\n"
        + "    allow_migration_for_empty_database: true\n";
  }
}
