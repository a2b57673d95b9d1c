package io.chartreuse.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import io.chartreuse.testkube.Workload;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHARTREUSE_STOP_POLICY on the real control plane with real PostgreSQL: with {@code breaking} a
 * compatible pending set migrates while every Deployment keeps its replicas, a breaking or unknown
 * one stops them as before, a declared verdict overrides; {@code never} never stops them.
 */
class StopPolicyIT {
  private static final String RELEASE = "shop";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private RunnerIdentity identity;
  private Workload workload;
  private TestDatabase database;
  private FakeKubelet kubelet;

  @BeforeEach
  void release() {
    cluster = TestCluster.shared();
    namespace = cluster.createNamespace("stop-policy");
    kubelet = new FakeKubelet(cluster, namespace).start();
    identity = new RunnerIdentity(cluster, namespace, "shop-chartreuse-status");
    identity.grant(rules -> rules);
    workload =
        new Workload(cluster, namespace, RELEASE)
            .deployment("worker", 1, 10)
            .deployment("web", 2, 0);
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 2, WAIT);
    database = TestPostgres.get().createDatabase("policy");
  }

  @AfterEach
  void stopKubelet() {
    kubelet.close();
  }

  private CliProcess.Result run(String policy, String secondMigration) throws Exception {
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add(
                "V1__create_users.sql",
                "CREATE TABLE users (id bigserial PRIMARY KEY, email text);")
            .add("V2__second.sql", secondMigration);
    return RunnerEnvironment.run(database, migrations)
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("CHARTREUSE_ENABLE_STOP_PODS", "1")
        .env("CHARTREUSE_STOP_POLICY", policy)
        .env("CHARTREUSE_STOP_PODS_TIMEOUT", "60")
        .run();
  }

  /** Polls every 50 ms the lowest replica count each Deployment was ever set to during the run. */
  private Map<String, Integer> lowestReplicasDuring(ThrowingRun run) throws Exception {
    Map<String, Integer> lowest = new ConcurrentHashMap<>(Map.of("worker", 1, "web", 2));
    Thread poller =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                for (String name : List.of("worker", "web")) {
                  lowest.merge(name, workload.get(name).getSpec().getReplicas(), Math::min);
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    poller.start();
    try {
      run.run();
    } finally {
      poller.interrupt();
      poller.join();
    }
    return lowest;
  }

  interface ThrowingRun {
    void run() throws Exception;
  }

  @Test
  void breakingPolicyMigratesACompatibleSetWithTheApplicationRunning() throws Exception {
    CliProcess.Result[] result = new CliProcess.Result[1];
    Map<String, Integer> lowest =
        lowestReplicasDuring(
            () ->
                result[0] =
                    run(
                        "breaking",
                        "ALTER TABLE users ADD COLUMN name text;\nCREATE TABLE orders (id bigserial PRIMARY KEY);"));
    assertEquals(0, result[0].exitCode(), result[0].all());
    assertEquals(Map.of("worker", 1, "web", 2), lowest, "no Deployment below its expected scale");
    assertTrue(
        result[0]
            .stderr()
            .contains("every pending migration is compatible, the application keeps running"),
        result[0].stderr());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2"), MigrationFiles.appliedVersions(connection));
    }
  }

  @Test
  void breakingPolicyStopsForABreakingMigrationAsBefore() throws Exception {
    CliProcess.Result[] result = new CliProcess.Result[1];
    Map<String, Integer> lowest =
        lowestReplicasDuring(
            () -> result[0] = run("breaking", "ALTER TABLE users DROP COLUMN email;"));
    assertEquals(0, result[0].exitCode(), result[0].all());
    assertEquals(Map.of("worker", 0, "web", 0), lowest);
    assertTrue(
        result[0]
            .stderr()
            .contains(
                "V2__second.sql:1 DROP COLUMN users.email - running code that reads it fails"),
        result[0].stderr());
    assertTrue(
        result[0].stderr().contains("stopping the Deployments for 2 breaking"), result[0].stderr());
    workload.awaitRunning("worker", 1, WAIT);
    workload.awaitRunning("web", 2, WAIT);
  }

  @Test
  void breakingPolicyStopsForAnUnknownMigration() throws Exception {
    CliProcess.Result[] result = new CliProcess.Result[1];
    Map<String, Integer> lowest =
        lowestReplicasDuring(
            () -> result[0] = run("breaking", "UPDATE users SET email = lower(email);"));
    assertEquals(0, result[0].exitCode(), result[0].all());
    assertEquals(Map.of("worker", 0, "web", 0), lowest);
    assertTrue(result[0].stderr().contains("2 unknown"), result[0].stderr());
  }

  @Test
  void aDeclaredVerdictOverrides() throws Exception {
    CliProcess.Result[] result = new CliProcess.Result[1];
    Map<String, Integer> lowest =
        lowestReplicasDuring(
            () ->
                result[0] =
                    run(
                        "breaking",
                        "-- chartreuse: compatible — no released code reads users.email\nALTER TABLE users DROP COLUMN email;"));
    assertEquals(0, result[0].exitCode(), result[0].all());
    assertEquals(Map.of("worker", 1, "web", 2), lowest);
    assertTrue(result[0].stderr().contains("2 compatible (declared)"), result[0].stderr());
    assertTrue(
        result[0]
            .stderr()
            .contains("V2__second.sql declared compatible: no released code reads users.email"),
        result[0].stderr());
  }

  @Test
  void neverPolicyMigratesABreakingSetWithoutStoppingAndSaysSo() throws Exception {
    CliProcess.Result[] result = new CliProcess.Result[1];
    Map<String, Integer> lowest =
        lowestReplicasDuring(
            () -> result[0] = run("never", "ALTER TABLE users DROP COLUMN email;"));
    assertEquals(0, result[0].exitCode(), result[0].all());
    assertEquals(Map.of("worker", 1, "web", 2), lowest);
    assertTrue(
        result[0]
            .stderr()
            .contains(
                "stop policy never: migrating with the application running although 2 breaking may break it"),
        result[0].stderr());
  }
}
