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
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, point 3: the runner drives Debian's Alembic 1.8 (SQLAlchemy 1.4) and the current
 * Alembic (SQLAlchemy 2.x) alike, through Alembic's documented API, and blames a revision only when
 * it ran.
 */
class AlembicVersionsIT {
  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void upgradesWithEitherAlembicAndPassesTheXArguments(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(2);
    project.script(
        "r0003",
        "\"\"\"record env_type\"\"\"\n",
        List.of("r0002"),
        "from alembic import context\nenv_type = context.get_x_argument(as_dictionary=True).get('env_type', 'none')\n"
            + "op.execute(\"CREATE TABLE upgraded AS SELECT '%s'::text AS env_type\" % env_type)");
    TestDatabase database = AlembicDatabases.create("alembic_versions");

    CliProcess.Result first =
        AlembicRun.chartreuse(alembic, project, database, "run", "-o", "json")
            .env("CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS", "-x env_type=staging")
            .run();
    assertEquals(0, first.exitCode(), first.all());
    assertTrue(
        first
            .stderr()
            .contains(
                "chartreuse-alembic: " + (alembic == AlembicInstallation.DEBIAN ? "1.8" : "1.")),
        first.stderr());
    assertTrue(
        first.stdout().contains("\"applied\" : [ \"r0001\", \"r0002\", \"r0003\" ]"),
        first.stdout());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("r0003"),
          MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
      assertEquals(
          List.of("staging"), MigrationFiles.strings(connection, "SELECT env_type FROM upgraded"));
    }

    CliProcess.Result second = AlembicRun.chartreuse(alembic, project, database, "run").run();
    assertEquals(0, second.exitCode(), second.all());
    assertTrue(second.stdout().contains("outcome: up-to-date"), second.stdout());
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void aFailingRevisionIsNamedEvenWhenEnvPySilencesAlembicsLog(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(1);
    project.revision("r0002", List.of("r0001"), "broken", "INSERT INTO no_such_table VALUES (1)");
    project.revision("r0003", List.of("r0002"), "after", "CREATE TABLE after_broken (id int)");
    project.write(
        "migrations/env.py",
        "import logging\nlogging.getLogger('alembic').setLevel(logging.WARNING)\n"
            + java.nio.file.Files.readString(temp.resolve("migrations/env.py")));
    TestDatabase database = AlembicDatabases.create("alembic_blame");

    CliProcess.Result result = AlembicRun.chartreuse(alembic, project, database, "run").run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result.stdout().contains("migration r0002 failed: sqlalchemy.exc.ProgrammingError"),
        result.stdout());
    assertTrue(result.stdout().contains("no_such_table"), result.stdout());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void aFailureBeforeAnyRevisionBlamesNoRevision(AlembicInstallation alembic) throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(2);
    project.write("migrations/env.py", "raise RuntimeError('env.py cannot find its settings')\n");
    TestDatabase database = AlembicDatabases.create("alembic_setup");

    CliProcess.Result result = AlembicRun.chartreuse(alembic, project, database, "run").run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result
            .stdout()
            .contains(
                "Alembic failed before any revision ran (in env.py or its configuration): "
                    + "RuntimeError: env.py cannot find its settings"),
        result.stdout());
    assertFalse(result.all().contains("migration r0001 failed"), result.all());
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void anUnsupportedAdditionalParameterIsAUsageErrorBeforeAnythingRuns(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = new AlembicProject(temp).linear(1);
    TestDatabase database = AlembicDatabases.create("alembic_params");

    CliProcess.Result result =
        AlembicRun.chartreuse(alembic, project, database, "run")
            .env("CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS", "--sql")
            .run();
    assertEquals(2, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("'--sql' is not supported"), result.stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }
}
