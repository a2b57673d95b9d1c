package io.chartreuse.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.HashPassword;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pending CREATE INDEX CONCURRENTLY finds already there: the same index, part of its
 * indexes, or another one.
 */
class IndexLeftoversIT {
  @TempDir Path temp;

  private MigrationFiles atV1(TestDatabase database, String... indexStatements) throws Exception {
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m"))
            .add("V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, email text, active boolean);");
    assertEquals(0, RunnerEnvironment.run(database, files).run().exitCode());
    return files
        .add("V2__indexes.sql", String.join("\n", indexStatements))
        .add("V3__after.sql", "CREATE TABLE after_index (id int);");
  }

  private static void execute(TestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> history(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      return MigrationFiles.strings(
          connection,
          "SELECT concat_ws('|', version, success) FROM flyway_schema_history ORDER BY installed_rank");
    }
  }

  @Test
  void theSameIndexWrittenDifferentlyCountsAsDoneAndTheRestIsBuilt() throws Exception {
    TestDatabase database = HashPassword.database("leftover_same");
    MigrationFiles files =
        atV1(
            database,
            "-- two indexes, one built by a run that was killed",
            "create unique index concurrently t_email on public.t using btree (lower(email)) where active;",
            "CREATE INDEX CONCURRENTLY \"T_id_desc\" ON t (id DESC);");
    execute(database, "CREATE UNIQUE INDEX t_email ON t (LOWER(email)) WHERE active");
    CliProcess.Result result = RunnerEnvironment.run(database, files).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("index t_email of migration V2__indexes.sql is done"),
        result.stderr());
    assertTrue(
        result
            .stderr()
            .contains("running the rest of migration V2__indexes.sql: building index T_id_desc"),
        result.stderr());
    assertEquals(List.of("1|t", "2|t", "3|t"), history(database));
    try (Connection connection = database.connect()) {
      assertEquals(
          List.of("T_id_desc|t", "t_email|t", "t_pkey|t"),
          MigrationFiles.strings(
              connection,
              "SELECT concat_ws('|', c.relname, i.indisvalid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                  + " WHERE i.indrelid = 't'::regclass ORDER BY 1"));
    }
  }

  @Test
  void anIndexAlreadyDroppedCountsAsDone() throws Exception {
    TestDatabase database = HashPassword.database("leftover_dropped");
    MigrationFiles files =
        new MigrationFiles(temp.resolve("m"))
            .add(
                "V1__t.sql",
                "CREATE TABLE t (id int PRIMARY KEY, email text); CREATE INDEX t_old ON t (email);");
    assertEquals(0, RunnerEnvironment.run(database, files).run().exitCode());
    files.add("V2__drop_old.sql", "DROP INDEX CONCURRENTLY public.t_old;");
    execute(database, "DROP INDEX t_old"); // what a killed run's backend finished
    CliProcess.Result result = RunnerEnvironment.run(database, files).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains("index drop of public.t_old of migration V2__drop_old.sql is done"),
        result.stderr());
    assertEquals(List.of("1|t", "2|t"), history(database));
  }

  @Test
  void anIndexOfThatNameWithAnotherDefinitionStopsTheRunWithWhatToDo() throws Exception {
    TestDatabase database = HashPassword.database("leftover_other");
    MigrationFiles files = atV1(database, "CREATE INDEX CONCURRENTLY t_email ON t (email);");
    execute(database, "CREATE INDEX t_email ON t (id)");
    CliProcess.Result result = RunnerEnvironment.run(database, files).run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(
        result.stdout().contains("\"public\".\"t_email\" already exists with another definition")
            && result.stdout().contains("DROP INDEX CONCURRENTLY \"public\".\"t_email\""),
        result.stdout());
    assertEquals(List.of("1|t"), history(database));
  }
}
