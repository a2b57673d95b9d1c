package io.chartreuse.realnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.ProcessResult;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner pod force-deleted ({@code --grace-period=0 --force}) in the middle of a slow migration
 * on the real node: the run that follows (the Job's replacement pod, or the next upgrade)
 * completes, the migration is applied once, the Deployments and the HPA are back, nothing of the
 * run is left. While the pod runs, the engine shows the chart's pod security settings in force.
 */
@ExtendWith(RealNodeExtension.class)
class InterruptedRunRealNodeIT {
  private static final String RUNNER_PODS =
      "app.kubernetes.io/component=chartreuse-upgrade-ephemeral";

  @TempDir Path temp;
  private RealNode node;
  private TestDatabase database;
  private RealShop shop;
  private ShopState state;

  @BeforeEach
  void setUp() {
    node = RealNode.get();
    String namespace = node.createNamespace("interrupted");
    database = TestPostgres.get().createDatabase("real_interrupted");
    shop = new RealShop(node, namespace, database, temp);
    state = new ShopState(node, namespace);
  }

  @Test
  void aForceDeletedRunnerPodMidMigrationIsCompletedByTheNextRunWithNothingAppliedTwice()
      throws Exception {
    shop.helm("install").assertOk();
    state.awaitRunning();
    shop.migrations()
        .add("V4__slow_sku.sql", "SELECT pg_sleep(15); ALTER TABLE products ADD COLUMN sku text;");
    CompletableFuture<ProcessResult> upgrade =
        CompletableFuture.supplyAsync(() -> shop.helm("upgrade"));

    Pod pod = awaitRunnerPodInTheSlowMigration();
    assertPodSecurityInForce(pod);
    node.kubectl(
            Duration.ofSeconds(60),
            "delete",
            "pod",
            pod.getMetadata().getName(),
            "-n",
            shop.namespace(),
            "--grace-period=0",
            "--force")
        .assertOk();

    ProcessResult first = upgrade.get();
    if (!first.ok()) {
      shop.helm("upgrade").assertOk();
    }
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3", "4"), MigrationFiles.appliedVersions(connection));
      assertEquals(
          1L,
          MigrationFiles.history(connection).stream()
              .filter(row -> row.contains("slow sku"))
              .count(),
          "V4 once in the history: " + MigrationFiles.history(connection));
    }
    state.awaitRunning();
    assertFalse(
        state.hpa().getMetadata().getAnnotations() != null
            && state.hpa().getMetadata().getAnnotations().keySet().stream()
                .anyMatch(k -> k.contains("chartreuse")),
        "HPA left paused");
    ShopState.await(
        Duration.ofSeconds(60),
        "no ephemeral resource left",
        () ->
            node.admin().serviceAccounts().inNamespace(shop.namespace()).list().getItems().stream()
                .noneMatch(sa -> sa.getMetadata().getName().contains("-ephemeral")));
  }

  private Pod awaitRunnerPodInTheSlowMigration() {
    ShopState.await(
        Duration.ofSeconds(120),
        "the runner in pg_sleep",
        () -> {
          try (Connection connection = TestPostgres.get().adminTo(database)) {
            return !MigrationFiles.strings(
                    connection,
                    "SELECT pid::text FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(15)%' AND state = 'active'")
                .isEmpty();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    return runnerPod().orElseThrow();
  }

  private Optional<Pod> runnerPod() {
    return node
        .admin()
        .pods()
        .inNamespace(shop.namespace())
        .withLabel(RUNNER_PODS.split("=")[0], RUNNER_PODS.split("=")[1])
        .list()
        .getItems()
        .stream()
        .filter(p -> "Running".equals(p.getStatus().getPhase()))
        .findFirst();
  }

  /**
   * Non-root, read-only root filesystem, no capabilities, no privilege escalation: as Docker runs
   * it.
   */
  private void assertPodSecurityInForce(Pod pod) {
    String id =
        node.docker(
                Duration.ofSeconds(30),
                "ps",
                "-q",
                "--filter",
                "label=io.kubernetes.pod.name=" + pod.getMetadata().getName(),
                "--filter",
                "label=io.kubernetes.container.name=chartreuse")
            .assertOk()
            .output()
            .trim();
    assertFalse(id.isEmpty(), "no running container for " + pod.getMetadata().getName());
    String inspected =
        node.docker(
                Duration.ofSeconds(30),
                "inspect",
                "-f",
                "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}}",
                id)
            .assertOk()
            .output();
    assertTrue(
        inspected.startsWith("10001")
            && inspected.contains(" true ")
            && inspected.contains("ALL")
            && inspected.contains("no-new-privileges"),
        inspected);
    ProcessResult inside =
        node.docker(
            Duration.ofSeconds(30), "exec", id, "sh", "-c", "id -u; touch /opt/chartreuse/x");
    assertTrue(
        inside.output().startsWith("10001") && inside.output().contains("Read-only file system"),
        inside.output());
  }
}
