package io.chartreuse.alembic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testalembic.AlembicDatabases;
import io.chartreuse.testalembic.AlembicInstallation;
import io.chartreuse.testalembic.AlembicProject;
import io.chartreuse.testalembic.AlembicRun;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, point 4: the dialect and driver the user configured reach SQLAlchemy unchanged (URL, v4
 * variable, v6/v7 YAML {@code dialect}); a driver that cannot be imported is named, and nothing
 * runs.
 */
class AlembicDriversIT {
  @TempDir Path temp;

  private static Map<String, String> v4(
      AlembicInstallation alembic, AlembicProject project, String url) {
    return Map.of(
        "CHARTREUSE_ALEMBIC_URL", url,
        "CHARTREUSE_ALEMBIC_DIRECTORY_PATH", project.directory().toString(),
        "CHARTREUSE_PYTHON", alembic.python(),
        "HELM_CHART_VERSION", System.getProperty("chartreuse.version", "0.1.0"),
        "CHARTREUSE_DATABASE_WAIT_TIMEOUT", "20");
  }

  private static CliProcess.Result runV4(
      AlembicInstallation alembic, AlembicProject project, TestDatabase database, String dialect) {
    String url = AlembicRun.sqlalchemyUrl(database, dialect);
    return CliProcess.of("run")
        .env(v4(alembic, project, url))
        .secret(database.password())
        .secret(url)
        .run();
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void theDriverOfTheV4UrlIsKept(AlembicInstallation alembic) throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(2);
    TestDatabase database = AlembicDatabases.create("alembic_v4driver");
    project.revision("r0003", List.of("r0002"), "driver", "CREATE TABLE driver AS SELECT 1 AS one");
    // The revision records which DBAPI module SQLAlchemy loaded.
    project.script(
        "r0004",
        "",
        List.of("r0003"),
        "op.execute(\"CREATE TABLE dbapi AS SELECT '%s'::text AS module\" % op.get_bind().dialect.dbapi.__name__)");

    CliProcess.Result result = runV4(alembic, project, database, "postgresql+psycopg2");
    assertEquals(0, result.exitCode(), result.all());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("psycopg2"), MigrationFiles.strings(connection, "SELECT module FROM dbapi"));
    }
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void theDialectOfTheYamlIsKept(AlembicInstallation alembic) throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(1);
    project.write("alembic.ini", "[main]\nscript_location = %(here)s/migrations\n");
    TestDatabase database = AlembicDatabases.create("alembic_yamldriver");
    Path config = temp.resolve("chartreuse.yaml");
    Files.writeString(
        config,
        "databases:\n  main:\n    dialect: postgresql+psycopg2\n"
            + "    user: "
            + database.user()
            + "\n    password: \""
            + database.password()
            + "\"\n"
            + "    host: "
            + database.host()
            + "\n    port: "
            + database.port()
            + "\n    database: "
            + database.name()
            + "\n"
            + "    alembic_directory_path: "
            + project.directory()
            + "\n");
    CliProcess.Result result =
        CliProcess.of("run")
            .env(
                Map.of(
                    "CHARTREUSE_MULTI_CONFIG_PATH",
                    config.toString(),
                    "CHARTREUSE_PYTHON",
                    alembic.python(),
                    "HELM_CHART_APP_VERSION",
                    System.getProperty("chartreuse.version", "0.1.0")))
            .secret(database.password())
            .run();
    assertEquals(0, result.exitCode(), result.all());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("r0001"),
          MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
    }
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void aDriverThatIsNotInstalledIsNamedAndNothingRuns(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(2);
    TestDatabase database = AlembicDatabases.create("alembic_nodriver");

    CliProcess.Result result = runV4(alembic, project, database, "postgresql+pg8000");
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result
            .stdout()
            .contains(
                "no revision ran: the database driver 'pg8000' (URL scheme postgresql+pg8000://"),
        result.stdout());
    assertTrue(result.stdout().contains("No module named 'pg8000'"), result.stdout());
    assertFalse(result.all().contains("migration r0001 failed"), result.all());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  /**
   * SQLAlchemy 2.1 gives a plain postgresql:// URL to psycopg 3; with only psycopg2 installed, the
   * message says so.
   */
  @Test
  void aPlainUrlWithSqlAlchemy21NamesPsycopg() throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(1);
    TestDatabase database = AlembicDatabases.create("alembic_plainurl");

    CliProcess.Result result = runV4(AlembicInstallation.CURRENT, project, database, "postgresql");
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result.stdout().contains("the database driver 'psycopg' (URL scheme postgresql://"),
        result.stdout());
  }
}
