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
 * Issue 12, point 1: a repeatable migration over tables of several versioned migrations, around a
 * step PostgreSQL cannot run in a transaction, runs once, after every versioned migration (as
 * Flyway's CLI does).
 */
class RepeatableStepsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private MigrationFiles v1(MigrationFiles files) {
    return files.add("V1__table_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY, name text);");
  }

  private MigrationFiles rest(MigrationFiles files) {
    return files
        .add("V2__index_a.sql", "CREATE INDEX CONCURRENTLY a_name ON a (name);")
        .add("V3__table_b.sql", "CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a);")
        .add(
            "R__view.sql",
            "CREATE OR REPLACE VIEW a_b AS SELECT a.id, a.name, b.id AS b_id FROM a JOIN b ON b.a_id = a.id;");
  }

  @Test
  void fromAnEmptyDatabase() throws Exception {
    TestDatabase database = HashPassword.database("repeat_empty");
    MigrationFiles files = rest(v1(new MigrationFiles(temp.resolve("m"))));
    CliProcess.Result result = RunnerEnvironment.run(database, files, "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    JsonNode db = JSON.readTree(result.stdout()).at("/databases/0");
    assertEquals(
        List.of("1", "2", "3", "R:view"), JSON.convertValue(db.get("applied"), List.class));
    assertRepeatableRanLastOnce(database);
  }

  @Test
  void fromADatabaseAtV1() throws Exception {
    TestDatabase database = HashPassword.database("repeat_v1");
    MigrationFiles files = v1(new MigrationFiles(temp.resolve("m")));
    assertEquals(0, RunnerEnvironment.run(database, files).run().exitCode());
    CliProcess.Result result = RunnerEnvironment.run(database, rest(files), "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("migrating in 2 steps"), result.stderr());
    assertRepeatableRanLastOnce(database);

    // A changed repeatable alone is pending again and runs once more, after nothing else.
    files.add(
        "R__view.sql",
        "CREATE OR REPLACE VIEW a_b AS SELECT a.id, a.name, b.id AS b_id FROM a LEFT JOIN b ON b.a_id = a.id;");
    CliProcess.Result again = RunnerEnvironment.run(database, files).run();
    assertEquals(0, again.exitCode(), again.all());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1|t", "2|t", "3|t", "view|t", "view|t"), rows(connection));
    }
  }

  private static void assertRepeatableRanLastOnce(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1|t", "2|t", "3|t", "view|t"), rows(connection));
      assertEquals(
          List.of("a_b"),
          MigrationFiles.strings(
              connection, "SELECT viewname FROM pg_views WHERE viewname = 'a_b'"));
    }
  }

  private static List<String> rows(Connection connection) throws Exception {
    return MigrationFiles.strings(
        connection,
        "SELECT concat_ws('|', coalesce(version, description), success) FROM flyway_schema_history ORDER BY installed_rank");
  }
}
