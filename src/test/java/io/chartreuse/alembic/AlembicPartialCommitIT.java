package io.chartreuse.alembic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testalembic.AlembicDatabases;
import io.chartreuse.testalembic.AlembicInstallation;
import io.chartreuse.testalembic.AlembicProject;
import io.chartreuse.testalembic.AlembicRun;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, point 7: a revision that uses {@code autocommit_block()} commits what ran before it;
 * with an env.py that runs everything in one outer transaction Alembic can then exit 0 short of
 * head. The run fails, and its report lists exactly the revisions alembic_version records, and
 * names the non-transactional revision.
 */
class AlembicPartialCommitIT {
  private static final String ENV_PY =
      """
      import os
      from alembic import context
      from sqlalchemy import engine_from_config, pool

      config = context.config
      section = config.get_section(config.config_ini_section)
      connectable = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
      with connectable.connect() as connection:
          context.configure(connection=connection, target_metadata=None)
          transaction = connection.begin()
          context.begin_transaction()
          context.run_migrations()
          if transaction.is_active:
              transaction.commit()
      """;

  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void theReportListsWhatTheDatabaseRecordsAfterAnAutocommitBlock(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project =
        new AlembicProject(temp)
            .revision("p1", List.of(), "items", "CREATE TABLE items (id int)")
            .script(
                "p2",
                "\"\"\"index items concurrently\"\"\"\n",
                List.of("p1"),
                "with op.get_context().autocommit_block():\n    op.execute('CREATE INDEX CONCURRENTLY items_id ON items (id)')")
            .revision("p3", List.of("p2"), "orders", "CREATE TABLE orders (id int)")
            .revision("p4", List.of("p3"), "lines", "CREATE TABLE lines (id int)");
    // One outer transaction that env.py commits itself, if still active: autocommit_block() commits
    // it
    // before p2 and Alembic continues in a new transaction that nobody commits. Alembic exits 0.
    project.write("migrations/env.py", ENV_PY);
    TestDatabase database = AlembicDatabases.create("alembic_partial");

    CliProcess.Result check =
        AlembicRun.chartreuse(alembic, project, database, "run", "--check-only", "-o", "json")
            .run();
    JsonNode pending =
        new ObjectMapper().readTree(check.stdout()).get("databases").get(0).get("pending");
    assertEquals(false, pending.get(1).get("transactional").asBoolean(), check.stdout());
    assertEquals(true, pending.get(0).get("transactional").asBoolean(), check.stdout());

    CliProcess.Result result =
        AlembicRun.chartreuse(alembic, project, database, "run", "-o", "json").run();
    assertNotEquals(0, result.exitCode(), result.all());
    JsonNode report = new ObjectMapper().readTree(result.stdout()).get("databases").get(0);
    assertTrue(report.get("error").asText().contains("still pending"), result.stdout());
    List<String> recorded;
    try (Connection connection = database.connect()) {
      recorded = MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version");
    }
    List<String> expected = new ArrayList<>();
    for (String revision : List.of("p1", "p2", "p3", "p4")) {
      if (!recorded.isEmpty()) {
        expected.add(revision);
        if (revision.equals(recorded.get(0))) {
          break;
        }
      }
    }
    assertEquals(List.of("p1"), recorded, "autocommit_block() committed p1 only");
    assertEquals(List.of("p1"), expected);
    List<String> applied = new ArrayList<>();
    report.get("applied").forEach(a -> applied.add(a.asText()));
    assertEquals(expected, applied, result.stdout() + "\nrecorded " + recorded);
    assertEquals("p2", report.get("ungrouped").get(0).asText(), result.stdout());
    assertEquals(
        recorded.isEmpty() ? "null" : recorded.get(0),
        report.get("current_after").asText(),
        result.stdout());

    // The same run on a second database, as a person reads it.
    TestDatabase second = AlembicDatabases.create("alembic_partialtext");
    CliProcess.Result text = AlembicRun.chartreuse(alembic, project, second, "run").run();
    assertNotEquals(0, text.exitCode(), text.all());
    assertTrue(text.stdout().contains("current p1, head p4"), text.stdout());
    assertTrue(text.stdout().contains("applied p1\n"), text.stdout());
    assertTrue(text.stdout().contains("ran outside a transaction: p2"), text.stdout());
  }

  /**
   * The env.py commits a transaction that autocommit_block() already committed: it fails after the
   * revisions ran, q2's version row is lost, and no revision is to blame.
   */
  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void anEnvPyFailingAfterItsRevisionsBlamesNoRevision(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project =
        new AlembicProject(temp)
            .revision("q1", List.of(), "items", "CREATE TABLE items (id int)")
            .script(
                "q2",
                "",
                List.of("q1"),
                "with op.get_context().autocommit_block():\n    op.execute('CREATE INDEX CONCURRENTLY items_id ON items (id)')");
    project.write(
        "migrations/env.py",
        ENV_PY.replace(
            "if transaction.is_active:\n        transaction.commit()", "transaction.commit()"));
    TestDatabase database = AlembicDatabases.create("alembic_envfails");

    CliProcess.Result result = AlembicRun.chartreuse(alembic, project, database, "run").run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result
            .stdout()
            .contains(
                "Alembic failed outside its revisions (in env.py or its configuration) after starting q1, q2: "
                    + "sqlalchemy.exc.InvalidRequestError: This transaction is inactive"),
        result.stdout());
    assertFalse(result.stdout().contains("migration q2 failed"), result.stdout());
    assertTrue(result.stdout().contains("applied q1\n"), result.stdout());
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("q1"),
          MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
    }
  }
}
