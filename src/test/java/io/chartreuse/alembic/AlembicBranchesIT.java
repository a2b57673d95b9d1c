package io.chartreuse.alembic;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, point 5: several rows in alembic_version, one per branch, are a state Alembic itself
 * writes and continues from ({@code upgrade heads}); drift is a row the scripts do not know or two
 * rows on one branch. The pending list is in the order Alembic runs it, checked against the real
 * run's log.
 */
class AlembicBranchesIT {
  private static final Pattern RUNNING = Pattern.compile("Running upgrade .*?-> ([^\\s,]+)");

  @TempDir Path temp;

  /**
   * root → b1 → b2 and root → c1 → c2 ("base" is a word Alembic reserves); with {@code merged}, m
   * merges (c2, b2) and n follows m.
   */
  private AlembicProject branched(boolean merged) {
    AlembicProject project =
        new AlembicProject(temp)
            .revision("root", List.of(), "root", "CREATE TABLE root (id int)")
            .revision("b1", List.of("root"), "b one", "CREATE TABLE b1 (id int)")
            .revision("b2", List.of("b1"), "b two", "CREATE TABLE b2 (id int)")
            .revision("c1", List.of("root"), "c one", "CREATE TABLE c1 (id int)")
            .revision("c2", List.of("c1"), "c two", "CREATE TABLE c2 (id int)");
    if (merged) {
      project
          .revision("m", List.of("c2", "b2"), "merge", "CREATE TABLE m (id int)")
          .revision("n", List.of("m"), "after the merge", "CREATE TABLE n (id int)");
    }
    return project;
  }

  private static List<String> rows(TestDatabase database) throws Exception {
    try (Connection connection = database.connect()) {
      return MigrationFiles.strings(
          connection, "SELECT version_num FROM alembic_version ORDER BY 1");
    }
  }

  private static List<String> pending(CliProcess.Result result) throws Exception {
    JsonNode report = new ObjectMapper().readTree(result.stdout());
    List<String> versions = new ArrayList<>();
    report
        .get("databases")
        .get(0)
        .get("pending")
        .forEach(p -> versions.add(p.get("version").asText()));
    return versions;
  }

  /** The revisions the real Alembic ran, in its order, from its log in chartreuse's output. */
  private static List<String> ran(CliProcess.Result result) {
    List<String> ran = new ArrayList<>();
    Matcher matcher = RUNNING.matcher(result.stderr());
    while (matcher.find()) {
      ran.add(matcher.group(1));
    }
    return ran;
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void oneRowPerBranchIsNotDriftAndEachBranchContinues(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = branched(false);
    TestDatabase database = AlembicDatabases.create("alembic_tworows");
    AlembicRun.alembic(alembic, project, database, "upgrade", "b1");
    AlembicRun.alembic(alembic, project, database, "upgrade", "c1");
    assertEquals(List.of("b1", "c1"), rows(database));

    CliProcess.Result result =
        AlembicRun.chartreuse(alembic, project, database, "run", "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(List.of("b2", "c2"), ran(result).stream().sorted().toList(), result.stderr());
    assertEquals(List.of("b2", "c2"), pending(result).stream().sorted().toList(), result.stdout());
    assertTrue(result.stdout().contains("\"problems\" : [ ]"), result.stdout());
    assertEquals(List.of("b2", "c2"), rows(database));
    if (alembic == AlembicInstallation.CURRENT) {
      // Alembic 1.8 loads files in directory order (os.listdir), so the order of two unmerged heads
      // is the
      // filesystem's; from 1.10 names are sorted, which chartreuse follows.
      assertEquals(ran(result), pending(result));
    }
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void aMergedHistoryContinuesFromTwoBranchRowsInAlembicsOrder(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = branched(true);
    TestDatabase database = AlembicDatabases.create("alembic_merge");
    AlembicRun.alembic(alembic, project, database, "upgrade", "b1");
    AlembicRun.alembic(alembic, project, database, "upgrade", "c1");

    CliProcess.Result check =
        AlembicRun.chartreuse(alembic, project, database, "run", "--check-only", "-o", "json")
            .run();
    assertEquals(0, check.exitCode(), check.all());
    CliProcess.Result result =
        AlembicRun.chartreuse(alembic, project, database, "run", "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(ran(result), pending(check), check.stdout() + result.stderr());
    assertEquals(ran(result), pending(result));
    assertEquals(List.of("n"), rows(database));
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void fromAnEmptyDatabaseTheMergedHistoryRunsInAlembicsOrder(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project = branched(true);
    TestDatabase database = AlembicDatabases.create("alembic_mergeempty");

    CliProcess.Result result =
        AlembicRun.chartreuse(alembic, project, database, "run", "-o", "json").run();
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(7, ran(result).size(), result.stderr());
    assertEquals(ran(result), pending(result));
    assertEquals(List.of("n"), rows(database));
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void twoRowsOnOneBranchOrAnUnknownRowAreDrift(AlembicInstallation alembic) throws Exception {
    AlembicProject project = branched(false);
    TestDatabase database = AlembicDatabases.create("alembic_drift");
    AlembicRun.alembic(alembic, project, database, "upgrade", "b1");
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO alembic_version VALUES ('root')");
    }
    CliProcess.Result sameBranch = AlembicRun.chartreuse(alembic, project, database, "run").run();
    assertEquals(4, sameBranch.exitCode(), sameBranch.all());
    assertTrue(
        sameBranch.stdout().contains("drift: several-current-revisions root,b1"),
        sameBranch.stdout());

    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "UPDATE alembic_version SET version_num = 'f00d' WHERE version_num = 'root'");
    }
    CliProcess.Result unknown = AlembicRun.chartreuse(alembic, project, database, "run").run();
    assertEquals(4, unknown.exitCode(), unknown.all());
    assertTrue(unknown.stdout().contains("drift: unknown-revision f00d"), unknown.stdout());
    assertEquals(List.of("b1", "f00d"), rows(database));
  }
}
