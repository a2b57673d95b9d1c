package io.chartreuse.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import io.chartreuse.testkube.StatusRecordSchema;
import io.chartreuse.testkube.Workload;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release without ExpectedDeploymentScales on the real control plane with real PostgreSQL: its
 * own Deployments (Helm's release annotations) are stopped in the order of their priority
 * annotation and brought back to the replicas recorded in their mark; an excluded one and another
 * release's are left alone; a release with ExpectedDeploymentScales behaves as before.
 */
@KubeTest(kubelet = false)
class OwnDeploymentsIT {
  private static final String RELEASE = "shop";
  private static final String STATUS = "shop-chartreuse-status";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CLOCK =
      "CREATE TABLE migration_clock AS SELECT clock_timestamp() AS at;";

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private RunnerIdentity identity;
  private Workload workload;
  private TestDatabase database;
  private FakeKubelet kubelet;

  @BeforeEach
  void namespace(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("own-deployments");
    kubelet = new FakeKubelet(cluster, namespace).start();
    identity = new RunnerIdentity(cluster, namespace, STATUS);
    identity.grant(rules -> rules);
    workload = new Workload(cluster, namespace, RELEASE);
    database = TestPostgres.get().createDatabase("own");
  }

  @AfterEach
  void stopKubelet() {
    kubelet.close();
  }

  /** worker (priority 10) and web (3 replicas) to stop, cache excluded, billing another release. */
  private void helmRelease() {
    workload
        .helmDeployment("worker", 1, Map.of("wiremind.io/stop-priority", "10"))
        .helmDeployment("web", 3, Map.of())
        .helmDeployment("cache", 1, Map.of("wiremind.io/stop-exclude", "true"));
    new Workload(cluster, namespace, "billing").helmDeployment("billing", 1, Map.of());
    for (Map.Entry<String, Integer> running :
        Map.of("worker", 1, "web", 3, "cache", 1, "billing", 1).entrySet()) {
      workload.awaitRunning(running.getKey(), running.getValue(), WAIT);
    }
  }

  private MigrationFiles migrations(String... more) {
    MigrationFiles files =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);")
            .add("V2__clock.sql", CLOCK);
    for (int i = 0; i < more.length; i++) {
      files.add("V" + (i + 3) + "__more.sql", more[i]);
    }
    return files;
  }

  private CliProcess runner(MigrationFiles migrations, boolean preUpgrade) {
    return RunnerEnvironment.run(database, migrations)
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("CHARTREUSE_ENABLE_STOP_PODS", "1")
        .env("CHARTREUSE_UPGRADE_BEFORE_DEPLOYMENT", preUpgrade ? "1" : "")
        .env("HELM_IS_INSTALL", "")
        .env("CHARTREUSE_STOP_PODS_TIMEOUT", "60");
  }

  private CliProcess restore() {
    return CliProcess.of("restore")
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"));
  }

  @Test
  void theReleasesOwnDeploymentsStopInPriorityOrderAndComeBackToTheirReplicas() throws Exception {
    helmRelease();
    ScaleTimeline timeline =
        ScaleTimeline.watch(workload, List.of("worker", "web", "cache", "billing"));
    CliProcess.Result result = runner(migrations(), false).run();
    timeline.stop();

    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "no ExpectedDeploymentScale labelled for release shop: stopping its own Deployments"
                    + " (meta.helm.sh/release-name=shop): web, worker"),
        result.stderr());
    assertTrue(
        result.stderr().contains("left running (wiremind.io/stop-exclude): cache"),
        result.stderr());
    assertTrue(
        !timeline.podsGone("worker").isAfter(timeline.scaledToZero("web")), timeline.toString());
    assertTrue(timeline.podsGone("web").isBefore(migrationClock()), timeline.toString());
    assertFalse(timeline.everScaledToZero("cache"), timeline.toString());
    assertFalse(timeline.everScaledToZero("billing"), timeline.toString());
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 3, WAIT);
    assertUnmarked("worker", "web", "cache", "billing");
    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals("worker", record.at("/last_run/stopped_deployments/0").asText());
    assertEquals("web", record.at("/last_run/stopped_deployments/1").asText());
  }

  @Test
  void preUpgradeModeRecordsTheReplicasInTheMarkAndRestoreBringsThemBack() throws Exception {
    helmRelease();
    CliProcess.Result first = runner(migrations(), true).run();
    assertEquals(0, first.exitCode(), first.all());
    assertMarked("web", "3");
    assertMarked("worker", "1");
    assertEquals(1, workload.get("cache").getSpec().getReplicas());

    // A second run while they are still stopped (the restore Job did not run) keeps the replicas
    // recorded by the first, not their current 0.
    CliProcess.Result second =
        runner(migrations("CREATE TABLE orders (id bigserial PRIMARY KEY);"), true).run();
    assertEquals(0, second.exitCode(), second.all());
    assertMarked("web", "3");

    CliProcess.Result restored = restore().run();
    assertEquals(0, restored.exitCode(), restored.all());
    assertTrue(restored.stderr().contains("restored Deployments: web, worker"), restored.stderr());
    workload.awaitRunning("web", 3, WAIT);
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("cache", 1, WAIT);
    assertUnmarked("worker", "web");
  }

  @Test
  void aReleaseWithExpectedDeploymentScalesBehavesAsBefore() throws Exception {
    workload
        .deployment("worker", 1, 10)
        .deployment("web", 2, 0)
        .helmDeployment("extra", 1, Map.of());
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 2, WAIT);
    workload.awaitRunning("extra", 1, WAIT);
    ScaleTimeline timeline = ScaleTimeline.watch(workload, List.of("worker", "web", "extra"));
    CliProcess.Result result = runner(migrations(), false).run();
    timeline.stop();

    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "stopping the Deployments named by the ExpectedDeploymentScales of release shop"),
        result.stderr());
    assertTrue(
        !timeline.podsGone("worker").isAfter(timeline.scaledToZero("web")), timeline.toString());
    assertFalse(timeline.everScaledToZero("extra"), timeline.toString());
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 2, WAIT);
    assertUnmarked("worker", "web", "extra");
  }

  @Test
  void nothingToStopWhileTheReleaseHasDeploymentsIsAWarningNamingThem() throws Exception {
    workload
        .helmDeployment("cache", 1, Map.of("wiremind.io/stop-exclude", "true"))
        .labelledDeployment("api", 1);
    workload.awaitRunning("cache", 1, WAIT);
    workload.awaitRunning("api", 1, WAIT);
    CliProcess.Result result = runner(migrations(), false).run();
    assertEquals(0, result.exitCode(), result.all());
    String warning =
        result.stderr().lines().filter(l -> l.contains("nothing stopped")).findFirst().orElse("");
    assertTrue(warning.contains("WARN"), result.stderr());
    assertTrue(
        warning.contains(
            "nothing stopped for release shop although it has Deployments, which keep running while"
                + " it migrates: cache (wiremind.io/stop-exclude), api (labelled"
                + " app.kubernetes.io/instance=shop but not annotated meta.helm.sh/release-name"),
        warning);
    assertEquals(1, workload.get("api").getSpec().getReplicas());
  }

  @Test
  void aPriorityThatIsNotANumberFailsNamingItAndChangesNothing() throws Exception {
    workload.helmDeployment("web", 2, Map.of("wiremind.io/stop-priority", "high"));
    CliProcess.Result result = runner(migrations(), false).run();
    assertEquals(2, result.exitCode(), result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "Deployment web: annotation wiremind.io/stop-priority is \"high\", not a whole"
                    + " number"),
        result.stderr());
    assertEquals(2, workload.get("web").getSpec().getReplicas());
    assertUnmarked("web");
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  private void assertMarked(String name, String replicas) {
    Map<String, String> annotations = workload.get(name).getMetadata().getAnnotations();
    assertEquals(0, workload.get(name).getSpec().getReplicas(), name);
    assertEquals(RELEASE, annotations.get("wiremind.io/stopped-by"), name);
    assertEquals(replicas, annotations.get("wiremind.io/stopped-replicas"), name);
  }

  private void assertUnmarked(String... names) {
    for (String name : names) {
      Map<String, String> annotations = workload.get(name).getMetadata().getAnnotations();
      assertFalse(annotations.containsKey("wiremind.io/stopped-by"), name + " still marked");
      assertFalse(annotations.containsKey("wiremind.io/stopped-replicas"), name);
    }
  }

  private Instant migrationClock() throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT at FROM migration_clock")) {
      rows.next();
      return rows.getTimestamp(1).toInstant();
    }
  }
}
