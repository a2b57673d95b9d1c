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
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's Kubernetes half on the real control plane (API server, controllers, RBAC), running
 * as a process with the ServiceAccount and Role of docs/rbac.md, against a real PostgreSQL. The
 * release has a worker (priority 10, stopped first) and a web Deployment (priority 0) with an HPA.
 */
@KubeTest(kubelet = false)
class ReleaseStopStartIT {
  private static final String RELEASE = "shop";
  private static final String STATUS = "shop-chartreuse-status";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private RunnerIdentity identity;
  private Workload workload;
  private TestDatabase database;
  private Object priorBehavior;
  private FakeKubelet kubelet;

  @AfterEach
  void stopKubelet() {
    kubelet.close();
  }

  @BeforeEach
  void release(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("stop-start");
    kubelet = new FakeKubelet(cluster, namespace).start();
    identity = new RunnerIdentity(cluster, namespace, STATUS);
    identity.grant(rules -> rules);
    workload =
        new Workload(cluster, namespace, RELEASE)
            .deployment("worker", 1, 10)
            .deployment("web", 2, 0)
            .hpa("web");
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 2, WAIT);
    priorBehavior = spec(workload.getHpa("web")).get("behavior");
    database = TestPostgres.get().createDatabase("k8s");
  }

  private MigrationFiles migrations(String secondMigration) {
    return new MigrationFiles(temp.resolve("migrations"))
        .add("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);")
        .add("V2__second.sql", secondMigration);
  }

  private static final String CLOCK =
      "CREATE TABLE migration_clock AS SELECT clock_timestamp() AS at;";

  private CliProcess runner(
      MigrationFiles migrations, boolean upgradeBeforeDeployment, boolean install) {
    return RunnerEnvironment.run(database, migrations, "-o", "json")
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("CHARTREUSE_ENABLE_STOP_PODS", "1")
        .env("CHARTREUSE_UPGRADE_BEFORE_DEPLOYMENT", upgradeBeforeDeployment ? "1" : "")
        .env("HELM_IS_INSTALL", install ? "1" : "")
        .env("CHARTREUSE_STOP_PODS_TIMEOUT", "60");
  }

  private CliProcess restore() {
    return CliProcess.of("restore")
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"));
  }

  @Test
  void postModeStopsInPriorityOrderBeforeMigratingThenStartsEverythingAgain() throws Exception {
    ScaleTimeline timeline = ScaleTimeline.watch(workload, List.of("worker", "web"));
    CliProcess.Result result = runner(migrations(CLOCK), false, false).run();
    timeline.stop();

    assertEquals(0, result.exitCode(), result.all());
    Instant migrationStarted = migrationClock();
    assertTrue(
        !timeline.podsGone("worker").isAfter(timeline.scaledToZero("web")), timeline.toString());
    assertTrue(
        timeline.podsGone("web").isBefore(migrationStarted),
        timeline + " migration at " + migrationStarted);
    assertStartedAgain();
    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals("migrated", record.at("/last_run/outcome").asText());
    assertEquals(
        List.of("worker", "web"),
        List.of(
            record.at("/last_run/stopped_deployments/0").asText(),
            record.at("/last_run/stopped_deployments/1").asText()));
    assertEquals("migration-job", record.at("/last_run/job").asText());
    assertEquals("2", record.at("/databases/0/current").asText());
    assertEquals(
        List.of(
            "MigrationStarted",
            "DeploymentsStopped",
            "Migrating",
            "DeploymentsStarted",
            "Migrated"),
        eventReasons());
    assertTrail("web", "Deployment", result.stderr());
  }

  @Test
  void fromAWorkstationTheWorkloadsStillSayWhyTheyWereStopped() throws Exception {
    CliProcess.Result result =
        RunnerEnvironment.run(database, migrations(CLOCK), "-o", "json", "-n", namespace)
            .env("KUBECONFIG", cluster.kubeconfig().toString())
            .env("CHARTREUSE_RELEASE_NAME", RELEASE)
            .env("CHARTREUSE_STATUS_CONFIGMAP", STATUS)
            .env("CHARTREUSE_ENABLE_STOP_PODS", "1")
            .env("CHARTREUSE_STOP_PODS_TIMEOUT", "60")
            .run();
    assertEquals(0, result.exitCode(), result.all());
    assertStartedAgain();
    assertTrail("web", "Deployment", result.stderr());
    assertTrail("web", "HorizontalPodAutoscaler", result.stderr());
  }

  /**
   * The Events on one workload, as {@code kubectl describe} finds them (by the object's uid): each
   * names the release and the migration.
   */
  private void assertTrail(String name, String kind, String runnerLog) {
    String uid =
        kind.equals("Deployment")
            ? workload.get(name).getMetadata().getUid()
            : workload.getHpa(name).getMetadata().getUid();
    List<Event> events =
        cluster.admin().v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> uid.equals(e.getInvolvedObject().getUid()))
            .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
            .filter(e -> "chartreuse".equals(e.getSource().getComponent()))
            .toList();
    List<String> reasons = events.stream().map(Event::getReason).toList();
    assertEquals(
        kind.equals("Deployment")
            ? java.util.Set.of("StoppedForMigration", "StartedAfterMigration")
            : java.util.Set.of("ScaleUpPausedForMigration", "ScaleUpResumed"),
        java.util.Set.copyOf(reasons),
        runnerLog);
    assertTrue(
        events.stream()
            .allMatch(
                e ->
                    e.getMessage().contains("by chartreuse (release " + RELEASE + ")")
                        && e.getMessage().contains("migrating default: → 2")),
        events.stream().map(Event::getMessage).toList().toString());
  }

  @Test
  void anHpaRenamedByAnOlderChartreuseIsRepaired() throws Exception {
    GenericKubernetesResource legacy =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("autoscaling/v2beta2")
            .withKind("HorizontalPodAutoscaler")
            .withNewMetadata()
            .withName("worker")
            .endMetadata()
            .build();
    legacy.setAdditionalProperty(
        "spec",
        Map.of(
            "minReplicas",
            1,
            "maxReplicas",
            3,
            "scaleTargetRef",
            Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "name",
                "wm--disabled--kube-worker")));
    cluster
        .admin()
        .genericKubernetesResources(Workload.HPA)
        .inNamespace(namespace)
        .resource(legacy)
        .create();
    CliProcess.Result result = runner(migrations(CLOCK), false, false).run();
    assertEquals(0, result.exitCode(), result.all());
    assertEquals(
        "worker", ((Map<?, ?>) spec(workload.getHpa("worker")).get("scaleTargetRef")).get("name"));
    assertStartedAgain();
  }

  @Test
  void preModeOnInstallAlsoStartsThemAgain() throws Exception {
    CliProcess.Result result = runner(migrations(CLOCK), true, true).run();
    assertEquals(0, result.exitCode(), result.all());
    assertStartedAgain();
  }

  @Test
  void preModeOnUpgradeLeavesThemToHelmWithHpasPausedUntilRestore() throws Exception {
    CliProcess.Result result = runner(migrations(CLOCK), true, false).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(
        result.stderr().contains("pre-upgrade mode: Deployments stay stopped"), result.stderr());
    for (String name : List.of("worker", "web")) {
      assertEquals(0, workload.get(name).getSpec().getReplicas());
      assertEquals(
          RELEASE, workload.get(name).getMetadata().getAnnotations().get("wiremind.io/stopped-by"));
    }
    GenericKubernetesResource paused = workload.getHpa("web");
    assertEquals(
        "Disabled",
        ((Map<?, ?>) ((Map<?, ?>) spec(paused).get("behavior")).get("scaleUp"))
            .get("selectPolicy"));
    assertTrue(
        paused.getMetadata().getAnnotations().containsKey("wiremind.io/pre-pause-scale-behavior"));

    CliProcess.Result restored = restore().run();
    assertEquals(0, restored.exitCode(), restored.all());
    assertTrue(restored.stderr().contains("restored Deployments: web, worker"), restored.stderr());
    assertStartedAgain();
  }

  @Test
  void aFailedMigrationWithTheSchemaUnchangedBringsTheDeploymentsBackAndFails() throws Exception {
    CliProcess.Result result =
        runner(migrations("INSERT INTO no_such_table VALUES (1);"), false, false).run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("schema verified unchanged"), result.stderr());
    assertStartedAgain();
    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals("failed", record.at("/last_run/outcome").asText());
    assertTrue(
        record.at("/last_run/error").asText().contains("no_such_table"), record.toPrettyString());
    assertTrue(eventReasons().contains("MigrationFailed"), eventReasons().toString());
    assertTrue(eventReasons().contains("DeploymentsRestored"), eventReasons().toString());
  }

  @Test
  void aRunnerKilledWhileDeploymentsAreStoppedIsRepairedByRestore() throws Exception {
    CliProcess victim = runner(migrations("SELECT pg_sleep(30); " + CLOCK), false, false).start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (!victim.stderrSoFar().contains("applying")) {
      assertTrue(
          Instant.now().isBefore(deadline) && victim.process().isAlive(), victim.stderrSoFar());
      Thread.sleep(100);
    }
    victim.process().destroyForcibly().waitFor();
    assertEquals(0, workload.get("web").getSpec().getReplicas());

    CliProcess.Result restored = restore().run();
    assertEquals(0, restored.exitCode(), restored.all());
    assertStartedAgain();
    assertEquals(
        "running",
        StatusRecordSchema.read(cluster.admin(), namespace, STATUS)
            .at("/last_run/outcome")
            .asText());
  }

  @Test
  void restoreLeavesADeploymentScaledDownBySomeoneElseAlone() throws Exception {
    cluster.admin().apps().deployments().inNamespace(namespace).withName("web").scale(0);
    CliProcess.Result restored = restore().run();
    assertEquals(0, restored.exitCode(), restored.all());
    assertTrue(restored.stderr().contains("no stopped Deployments to restore"), restored.stderr());
    assertEquals(0, workload.get("web").getSpec().getReplicas());
  }

  @Test
  void nothingPendingTouchesNoDeployment() throws Exception {
    MigrationFiles migrations = migrations(CLOCK);
    assertEquals(
        0,
        runner(migrations, false, false).env("CHARTREUSE_ENABLE_STOP_PODS", "").run().exitCode());
    String web = workload.get("web").getMetadata().getResourceVersion();
    String worker = workload.get("worker").getMetadata().getResourceVersion();
    String hpa = workload.getHpa("web").getMetadata().getResourceVersion();

    CliProcess.Result result = runner(migrations, false, false).run();
    assertEquals(0, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("nothing to migrate"), result.stderr());
    assertEquals(web, workload.get("web").getMetadata().getResourceVersion());
    assertEquals(worker, workload.get("worker").getMetadata().getResourceVersion());
    assertEquals(hpa, workload.getHpa("web").getMetadata().getResourceVersion());
    assertEquals(
        "up-to-date",
        StatusRecordSchema.read(cluster.admin(), namespace, STATUS)
            .at("/last_run/outcome")
            .asText());
  }

  @Test
  void liveDriftStopsTheRunBeforeAnyDeploymentWithAnEventNamingTheFindings() throws Exception {
    MigrationFiles migrations = migrations("CREATE TABLE orders (id bigserial PRIMARY KEY);");
    CliProcess.Result first = runner(migrations, false, false).run();
    assertEquals(0, first.exitCode(), first.all());
    workload.awaitRunning("web", 2, WAIT);
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE users ADD COLUMN nickname text");
    }
    migrations.add("V3__third.sql", CLOCK);
    String web = workload.get("web").getMetadata().getResourceVersion();

    CliProcess.Result result = runner(migrations, false, false).run();

    assertEquals(4, result.exitCode(), result.all());
    assertEquals(web, workload.get("web").getMetadata().getResourceVersion());
    List<String> drift =
        cluster.admin().v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> "SchemaDrift".equals(e.getReason()))
            .map(e -> e.getType() + " " + e.getMessage())
            .toList();
    assertEquals(1, drift.size(), drift.toString());
    assertTrue(
        drift.get(0).startsWith("Warning database default: live schema differs")
            && drift.get(0).contains("column public.users.nickname: added"),
        drift.get(0));
    assertEquals(
        1,
        StatusRecordSchema.read(cluster.admin(), namespace, STATUS)
            .at("/databases/0/schema_drift/count")
            .asInt());
  }

  @Test
  void aRoleMissingOneRuleFailsNamingItAndChangesNothing() throws Exception {
    identity.grant(
        rules ->
            rules.stream()
                .filter(rule -> !rule.getResources().contains("deployments/scale"))
                .toList());
    CliProcess.Result result = runner(migrations(CLOCK), false, false).run();
    assertEquals(1, result.exitCode(), result.all());
    assertTrue(result.stderr().contains("may not patch deployments/scale.apps"), result.stderr());
    assertFalse(
        workload.get("web").getMetadata().getAnnotations().containsKey("wiremind.io/stopped-by"));
    assertEquals(2, workload.get("web").getSpec().getReplicas());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(), MigrationFiles.schema(connection));
    }
  }

  private void assertStartedAgain() {
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 2, WAIT);
    for (String name : List.of("worker", "web")) {
      Map<String, String> annotations = workload.get(name).getMetadata().getAnnotations();
      assertFalse(
          annotations != null && annotations.containsKey("wiremind.io/stopped-by"),
          name + " still marked");
    }
    GenericKubernetesResource hpa = workload.getHpa("web");
    assertEquals(priorBehavior, spec(hpa).get("behavior"), "HPA behaviour not restored exactly");
    Map<String, String> annotations = hpa.getMetadata().getAnnotations();
    assertFalse(
        annotations != null && annotations.containsKey("wiremind.io/pre-pause-scale-behavior"));
  }

  private Instant migrationClock() throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT at FROM migration_clock")) {
      rows.next();
      return rows.getTimestamp(1).toInstant();
    }
  }

  private List<String> eventReasons() {
    return cluster.admin().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "migration-pod".equals(e.getInvolvedObject().getName()))
        .sorted(
            Comparator.comparing(Event::getFirstTimestamp)
                .thenComparing(e -> e.getMetadata().getCreationTimestamp())
                .thenComparing(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .map(Event::getReason)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }
}
