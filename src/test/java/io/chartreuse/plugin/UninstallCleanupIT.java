package io.chartreuse.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.KubectlPlugin;
import io.chartreuse.testkube.ShopRelease;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, point 8: after {@code helm uninstall} the runner's status record and the last hook Job
 * remain; {@code status} shows the release as uninstalled and {@code cleanup} removes every
 * chartreuse object of it, on the real control plane with the real helm.
 */
@KubeTest(kubelet = false)
class UninstallCleanupIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void afterUninstallStatusShowsTheOrphanAndCleanupLeavesNothing(TestCluster cluster)
      throws Exception {
    String namespace = cluster.createNamespace("uninstall");
    TestDatabase database = TestPostgres.get().createDatabase("uninstall");
    try (ShopRelease shop = new ShopRelease(cluster, namespace, database, temp)) {
      shop.helm("install").assertOk();
      cluster
          .helm(Duration.ofMinutes(2), "uninstall", ShopRelease.RELEASE, "-n", namespace)
          .assertOk();
      List<String> left = chartreuseObjects(cluster, namespace);
      assertTrue(left.contains("ConfigMap/shop-chartreuse-status"), left.toString());

      CliProcess.Result status =
          CliProcess.of("status", "-n", namespace, "-o", "json")
              .env("KUBECONFIG", cluster.kubeconfig().toString())
              .run();
      assertEquals(0, status.exitCode(), status.all());
      JsonNode release = JSON.readTree(status.stdout()).at("/releases/0");
      assertEquals("shop", release.get("release").asText(), status.stdout());
      assertEquals("uninstalled", release.get("helm_status").asText());
      assertEquals("migrated", release.at("/instances/0/record/last_run/outcome").asText());
      assertTrue(
          status.stderr().contains("'kubectl chartreuse cleanup shop' deletes it"),
          status.stderr());
      assertEquals(
          0,
          KubectlPlugin.run(
                  cluster, "status", "-n", namespace, "--fail-on", "pending,drift,failed,stranded")
              .exitCode(),
          "an uninstalled release is no finding");

      ProcessResult dryRun =
          KubectlPlugin.run(cluster, "cleanup", "shop", "-n", namespace, "--dry-run");
      assertEquals(0, dryRun.exitCode(), dryRun.toString());
      assertTrue(
          dryRun
              .output()
              .contains(
                  "would delete ConfigMap/shop-chartreuse-status in "
                      + namespace
                      + " (status record of release shop, which is not installed)"),
          dryRun.output());
      assertEquals(left, chartreuseObjects(cluster, namespace), "a dry run deletes nothing");

      ProcessResult cleanup = KubectlPlugin.run(cluster, "cleanup", "shop", "-n", namespace);
      assertEquals(0, cleanup.exitCode(), cleanup.toString());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!chartreuseObjects(cluster, namespace).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertEquals(List.of(), chartreuseObjects(cluster, namespace), cleanup.output());
      ProcessResult after = KubectlPlugin.run(cluster, "status", "-n", namespace);
      assertTrue(after.output().contains("no Helm release uses chartreuse"), after.output());
    }
  }

  /** Every object of the release chartreuse labels (its own labels, or the runner's record's). */
  private static List<String> chartreuseObjects(TestCluster cluster, String namespace) {
    Map<String, String> instance = Map.of("app.kubernetes.io/instance", ShopRelease.RELEASE);
    List<HasMetadata> found = new ArrayList<>();
    var admin = cluster.admin();
    found.addAll(admin.configMaps().inNamespace(namespace).withLabels(instance).list().getItems());
    found.addAll(admin.secrets().inNamespace(namespace).withLabels(instance).list().getItems());
    found.addAll(
        admin.batch().v1().jobs().inNamespace(namespace).withLabels(instance).list().getItems());
    found.addAll(
        admin.serviceAccounts().inNamespace(namespace).withLabels(instance).list().getItems());
    found.addAll(
        admin.rbac().roles().inNamespace(namespace).withLabels(instance).list().getItems());
    found.addAll(
        admin.rbac().roleBindings().inNamespace(namespace).withLabels(instance).list().getItems());
    found.addAll(admin.pods().inNamespace(namespace).withLabels(instance).list().getItems());
    return found.stream()
        .filter(
            o ->
                "chartreuse".equals(o.getMetadata().getLabels().get("app.kubernetes.io/part-of"))
                    || "chartreuse"
                        .equals(o.getMetadata().getLabels().get("app.kubernetes.io/managed-by")))
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .sorted()
        .toList();
  }
}
