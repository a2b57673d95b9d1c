package io.chartreuse.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import io.chartreuse.testkube.StatusRecordSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --check-only} (what {@code launch --check-only} runs) on the real control plane with a
 * real PostgreSQL: every pending migration is classified whatever the stop policy, the decision a
 * run would take is logged, and the status record carries each pending migration's verdict.
 */
@KubeTest(kubelet = false)
class VerdictRecordIT {
  private static final String STATUS = "shop-chartreuse-status";

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private RunnerIdentity identity;
  private TestDatabase database;
  private MigrationFiles migrations;

  @BeforeEach
  void migratedOnce(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("verdict-record");
    identity = new RunnerIdentity(cluster, namespace, STATUS);
    identity.grant(rules -> rules);
    database = TestPostgres.get().createDatabase("verdicts");
    migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, email text);");
    CliProcess.Result first = runner("always").run();
    assertEquals(0, first.exitCode(), first.all());
    migrations
        .add("V2__name.sql", "ALTER TABLE users ADD COLUMN name text;")
        .add("V3__email.sql", "ALTER TABLE users DROP COLUMN email;");
  }

  private CliProcess runner(String policy, String... args) {
    return RunnerEnvironment.run(database, migrations, args)
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", "shop")
        .env("CHARTREUSE_STOP_POLICY", policy);
  }

  @Test
  void aCheckOnlyRunRecordsEachPendingVerdictAndTheDecisionARunWouldTake() throws Exception {
    CliProcess.Result result = runner("breaking", "--check-only").run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("V3__email.sql:1 DROP COLUMN users.email"), result.stderr());
    assertTrue(
        result
            .stderr()
            .contains(
                "check only: a run would decide: stop policy breaking: stopping the Deployments"
                    + " for 3 breaking"),
        result.stderr());

    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals("checked", record.at("/last_run/outcome").asText());
    JsonNode verdicts = record.at("/databases/0/verdicts");
    assertEquals(2, verdicts.size(), record.toPrettyString());
    assertEquals("2", verdicts.at("/0/version").asText());
    assertEquals("compatible", verdicts.at("/0/verdict").asText());
    assertEquals("3", verdicts.at("/1/version").asText());
    assertEquals("breaking", verdicts.at("/1/verdict").asText());
    assertTrue(
        verdicts.at("/1/reasons/0").asText().startsWith("V3__email.sql:1 DROP COLUMN users.email"),
        verdicts.toPrettyString());
  }

  @Test
  void withThePolicyAlwaysACheckOnlyRunStillClassifies() throws Exception {
    CliProcess.Result result = runner("always", "--check-only").run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "check only: a run would decide: stop policy always: stopping the Deployments for"
                    + " every pending migration"),
        result.stderr());
    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals(2, record.at("/databases/0/verdicts").size(), record.toPrettyString());
  }
}
