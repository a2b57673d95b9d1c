package io.chartreuse.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.ShopRelease;
import io.chartreuse.testkube.StatusRecordSchema;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart on the real control plane: the real helm installs and upgrades the example application,
 * the migration Job's pod runs the packaged runner with the chart's own ServiceAccount (RBAC
 * enforced) against a real PostgreSQL, and Helm waits for it like for any hook.
 */
@KubeTest(kubelet = false)
class ChartInstallIT {
  private static final String STATUS = "shop-chartreuse-status";

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private TestDatabase database;
  private ShopRelease shop;

  @BeforeEach
  void setUp(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("chart");
    database = TestPostgres.get().createDatabase("chart");
    shop = new ShopRelease(cluster, namespace, database, temp);
  }

  @AfterEach
  void tearDown() {
    shop.close();
  }

  @Test
  void postModeMigratesOnInstallAndUpgradeAndLeavesNoEphemeralResource() throws Exception {
    shop.helm("install").assertOk();
    assertMigratedTo(List.of("1", "2", "3"));
    assertScaledAsExpected();
    awaitNoEphemeralDependencies();
    assertRanAsTheChartsServiceAccount("shop-chartreuse-ephemeral");

    shop.migrations().add("V4__add_product_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    shop.helm("upgrade").assertOk();
    assertMigratedTo(List.of("1", "2", "3", "4"));
    assertScaledAsExpected();
    awaitNoEphemeralDependencies();
    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals("migrated", record.at("/last_run/outcome").asText());
    assertEquals("shop-chartreuse-ephemeral", record.at("/last_run/job").asText());
  }

  @Test
  void preModeMigratesAsAReleaseResourceOnInstallThenAsAPreUpgradeHook() throws Exception {
    shop.helm("install", "upgradeBeforeDeployment=true").assertOk();
    awaitJobComplete("shop-chartreuse");
    assertMigratedTo(List.of("1", "2", "3"));
    assertScaledAsExpected();

    shop.migrations().add("V4__add_product_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    shop.helm("upgrade", "upgradeBeforeDeployment=true").assertOk();
    assertMigratedTo(List.of("1", "2", "3", "4"));
    assertScaledAsExpected();
    awaitNoEphemeralDependencies();
    assertTrue(
        shop.kubelet().startedPods().stream()
            .anyMatch(p -> p.startsWith("shop-chartreuse-restore")),
        "the restore Job ran: " + shop.kubelet().startedPods());
  }

  @Test
  void aFailedMigrationLeavesNoEphemeralResourceAndTheNextUpgradeSucceeds() throws Exception {
    shop.helm("install").assertOk();
    shop.migrations().add("V4__broken.sql", "INSERT INTO no_such_table VALUES (1);");
    ProcessResult failed = shop.helm("upgrade");
    assertFalse(failed.ok(), failed.toString());
    assertMigratedTo(List.of("1", "2", "3"));
    assertScaledAsExpected();
    awaitNoEphemeralDependencies();
    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals("failed", record.at("/last_run/outcome").asText());

    shop.migrations().add("V4__broken.sql", "ALTER TABLE products ADD COLUMN sku text;");
    shop.helm("upgrade").assertOk();
    assertMigratedTo(List.of("1", "2", "3", "4"));
    awaitNoEphemeralDependencies();
  }

  private void assertMigratedTo(List<String> versions) throws Exception {
    try (Connection connection = database.connect()) {
      assertEquals(versions, MigrationFiles.appliedVersions(connection));
    }
  }

  private void assertScaledAsExpected() {
    KubernetesClient admin = cluster.admin();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      Integer web =
          admin
              .apps()
              .deployments()
              .inNamespace(namespace)
              .withName("shop-web")
              .get()
              .getSpec()
              .getReplicas();
      Integer worker =
          admin
              .apps()
              .deployments()
              .inNamespace(namespace)
              .withName("shop-worker")
              .get()
              .getSpec()
              .getReplicas();
      if (Integer.valueOf(2).equals(web) && Integer.valueOf(1).equals(worker)) {
        return;
      }
      assertTrue(Instant.now().isBefore(deadline), "web " + web + ", worker " + worker);
      sleep();
    }
  }

  private List<String> ephemeralDependencies() {
    KubernetesClient admin = cluster.admin();
    List<HasMetadata> found = new ArrayList<>();
    found.addAll(admin.serviceAccounts().inNamespace(namespace).list().getItems());
    found.addAll(admin.configMaps().inNamespace(namespace).list().getItems());
    found.addAll(admin.secrets().inNamespace(namespace).list().getItems());
    found.addAll(admin.rbac().roles().inNamespace(namespace).list().getItems());
    found.addAll(admin.rbac().roleBindings().inNamespace(namespace).list().getItems());
    return found.stream()
        .filter(r -> r.getMetadata().getName().contains("-ephemeral"))
        .map(r -> r.getKind() + "/" + r.getMetadata().getName())
        .toList();
  }

  private void assertNoEphemeralDependencies() {
    assertEquals(List.of(), ephemeralDependencies());
  }

  /**
   * The runner deletes the ephemeral ConfigMap when its run ends and the garbage collector deletes
   * what it owns, after Helm has returned: wait a little.
   */
  private void awaitNoEphemeralDependencies() {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!ephemeralDependencies().isEmpty() && Instant.now().isBefore(deadline)) {
      sleep();
    }
    assertNoEphemeralDependencies();
  }

  private void assertRanAsTheChartsServiceAccount(String serviceAccount) {
    List<Pod> pods =
        cluster
            .admin()
            .pods()
            .inNamespace(namespace)
            .withLabel("app.kubernetes.io/component", "chartreuse-upgrade-ephemeral")
            .list()
            .getItems();
    assertFalse(pods.isEmpty(), "no migration pod");
    pods.forEach(pod -> assertEquals(serviceAccount, pod.getSpec().getServiceAccountName()));
  }

  private void awaitJobComplete(String job) {
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      var status =
          cluster
              .admin()
              .batch()
              .v1()
              .jobs()
              .inNamespace(namespace)
              .withName(job)
              .get()
              .getStatus();
      if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
        return;
      }
      assertTrue(Instant.now().isBefore(deadline), "Job " + job + " did not complete: " + status);
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
