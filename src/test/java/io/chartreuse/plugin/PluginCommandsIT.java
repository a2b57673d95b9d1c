package io.chartreuse.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.Processes;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.KubectlPlugin;
import io.chartreuse.testkube.ShopRelease;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launch, cleanup and the upgrade wrapper through kubectl's plugin dispatch, after a real helm
 * install.
 */
@KubeTest(kubelet = false)
class PluginCommandsIT {
  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private TestDatabase database;
  private ShopRelease shop;

  @BeforeEach
  void install(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("plugin");
    database = TestPostgres.get().createDatabase("plugin");
    shop = new ShopRelease(cluster, namespace, database, temp);
    shop.helm("install").assertOk();
  }

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void launchRecreatesTheHooksJobChecksOnlyThenMigratesAndCleansUp() throws Exception {
    ProcessResult dryRun =
        KubectlPlugin.run(cluster, "launch", "shop", "-n", namespace, "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertTrue(
        dryRun.output().contains("kind: \"Role\"") || dryRun.output().contains("kind: Role"),
        dryRun.output());

    // With the password in values, the chart renders it into an ephemeral Secret: --dry-run must
    // not print it.
    shop.helm("upgrade", "database.existingSecret=", "database.password=" + database.password())
        .assertOk();
    ProcessResult withSecret =
        KubectlPlugin.run(cluster, "launch", "shop", "-n", namespace, "--dry-run");
    assertTrue(
        withSecret.output().contains("kind: \"Secret\"")
            || withSecret.output().contains("kind: Secret"),
        withSecret.output());
    assertFalse(withSecret.output().contains(database.password()), withSecret.output());

    shop.migrations().add("V4__add_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    ProcessResult check =
        KubectlPlugin.run(cluster, "launch", "shop", "-n", namespace, "--check-only");
    assertEquals(0, check.exitCode(), check.toString());
    assertMigratedTo(List.of("1", "2", "3"));
    assertEquals(
        3,
        KubectlPlugin.run(cluster, "status", "-n", namespace, "--fail-on", "pending").exitCode());

    ProcessResult launch = KubectlPlugin.run(cluster, "launch", "shop", "-n", namespace);
    assertEquals(0, launch.exitCode(), launch.toString());
    assertTrue(launch.output().contains("succeeded"), launch.output());
    assertMigratedTo(List.of("1", "2", "3", "4"));

    Job hook =
        cluster
            .admin()
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withName("shop-chartreuse-ephemeral")
            .get();
    Job launched =
        cluster
            .admin()
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel("chartreuse.io/launched-by", "plugin")
            .list()
            .getItems()
            .stream()
            .filter(
                j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().isEmpty())
            .findFirst()
            .orElseThrow();
    assertTrue(launched.getMetadata().getName().startsWith("shop-chartreuse-ephemeral-launch-"));
    assertEquals(
        hook.getSpec().getTemplate().getSpec().getContainers(),
        launched.getSpec().getTemplate().getSpec().getContainers());
    assertEquals(
        hook.getSpec().getTemplate().getSpec().getServiceAccountName(),
        launched.getSpec().getTemplate().getSpec().getServiceAccountName());
    assertEquals(
        List.of(),
        cluster.admin().rbac().roles().inNamespace(namespace).list().getItems().stream()
            .map(r -> r.getMetadata().getName())
            .filter(n -> n.endsWith("-ephemeral"))
            .toList(),
        "ephemeral resources deleted after");
  }

  @Test
  void cleanupRemovesExactlyChartreusesLeftovers() {
    cluster
        .admin()
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("shop-chartreuse-ephemeral-lookalike")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    cluster
        .admin()
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("shop-chartreuse-ephemeral")
                .addToLabels(
                    Map.of(
                        "app.kubernetes.io/part-of",
                        "chartreuse",
                        "app.kubernetes.io/instance",
                        "shop",
                        "app.kubernetes.io/component",
                        "chartreuse-config-ephemeral"))
                .endMetadata()
                .build())
        .create();

    ProcessResult dryRun =
        KubectlPlugin.run(cluster, "cleanup", "shop", "-n", namespace, "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertTrue(
        dryRun.output().contains("would delete ConfigMap/shop-chartreuse-ephemeral in")
            && dryRun.output().contains("would delete Job/shop-chartreuse-ephemeral in"),
        dryRun.output());
    assertNotNull(
        cluster
            .admin()
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withName("shop-chartreuse-ephemeral")
            .get());

    ProcessResult cleanup = KubectlPlugin.run(cluster, "cleanup", "shop", "-n", namespace);
    assertEquals(0, cleanup.exitCode(), cleanup.toString());
    assertTrue(
        cleanup.output().contains("deleted Job/shop-chartreuse-ephemeral"), cleanup.output());
    assertNotNull(
        cluster
            .admin()
            .configMaps()
            .inNamespace(namespace)
            .withName("shop-chartreuse-ephemeral-lookalike")
            .get());
    assertNotNull(
        cluster
            .admin()
            .configMaps()
            .inNamespace(namespace)
            .withName("shop-chartreuse-status")
            .get(),
        "the status record stays");
    assertEquals(
        2,
        cluster.admin().apps().deployments().inNamespace(namespace).list().getItems().size(),
        "the application is untouched");
    assertTrue(
        KubectlPlugin.run(cluster, "cleanup", "shop", "-n", namespace)
            .output()
            .contains("nothing to clean up"));
    assertEquals(
        2,
        KubectlPlugin.run(cluster, "cleanup", "-n", namespace).exitCode(),
        "a RELEASE or --all is required");
  }

  @Test
  void upgradeWrapsHelmWithAPreflightAndShowsWhyAMigrationFailed() throws Exception {
    Map<String, String> helmBin = Map.of("HELM_BIN", cluster.helm().toString());
    String chart = TestCluster.basedir().resolve("examples/shop").toString();
    String[] sets = {
      "--set",
      "chartreuse.database.url=postgresql://"
          + database.host()
          + ":"
          + database.port()
          + "/"
          + database.name(),
      "--set",
      "chartreuse.database.user=" + database.user()
    };

    // Through Helm's own plugin mechanism: helm plugin install, then helm chartreuse upgrade (Helm
    // strips -n and
    // exports HELM_NAMESPACE and HELM_BIN).
    Map<String, String> helmHome =
        Map.of(
            "HELM_DATA_HOME",
            temp.resolve("helm-data").toString(),
            "HELM_CONFIG_HOME",
            temp.resolve("helm-config").toString(),
            "HELM_CACHE_HOME",
            temp.resolve("helm-cache").toString(),
            "KUBECONFIG",
            cluster.kubeconfig().toString(),
            "CHARTREUSE_CDS",
            "off");
    Path plugin = io.chartreuse.packaging.Distribution.layOut(temp.resolve("plugin"));
    Processes.run(
            List.of(cluster.helm().toString(), "plugin", "install", plugin.toString()),
            helmHome,
            temp,
            java.time.Duration.ofMinutes(3))
        .assertOk();
    List<String> upgrade =
        new java.util.ArrayList<>(
            List.of(
                cluster.helm().toString(),
                "chartreuse",
                "upgrade",
                "shop",
                chart,
                "-n",
                namespace));
    upgrade.addAll(List.of(sets));

    shop.migrations().add("V4__add_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    ProcessResult ok = Processes.run(upgrade, helmHome, temp, java.time.Duration.ofMinutes(4));
    assertEquals(0, ok.exitCode(), ok.toString());
    assertTrue(
        ok.output().contains("migration Job shop-chartreuse-ephemeral succeeded"), ok.output());
    assertMigratedTo(List.of("1", "2", "3", "4"));

    cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("shop-worker")
        .edit(
            d -> {
              d.getMetadata().getAnnotations().put("wiremind.io/stopped-by", "shop");
              return d;
            });
    ProcessResult refused =
        KubectlPlugin.run(
            cluster,
            helmBin,
            concat(new String[] {"upgrade", "shop", chart, "-n", namespace}, sets));
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(
        refused.output().contains("Deployments left stopped by a previous migration: shop-worker")
            && refused.output().contains("kubectl chartreuse restore shop"),
        refused.output());
    assertEquals(0, KubectlPlugin.run(cluster, "restore", "shop", "-n", namespace).exitCode());

    shop.migrations().add("V5__broken.sql", "INSERT INTO no_such_table VALUES (1);");
    ProcessResult failed = Processes.run(upgrade, helmHome, temp, java.time.Duration.ofMinutes(4));
    assertEquals(1, failed.exitCode(), failed.toString());
    assertTrue(
        failed.output().contains("migration Job shop-chartreuse-ephemeral failed")
            && failed.output().contains("--- log of the migration ---")
            && failed.output().contains("applying 1 migration(s)")
            && failed.output().contains("status record: migration V5__broken.sql failed"),
        failed.output());

    // A Job that can never start (its database Secret does not exist), issue 15 point 7. With
    // plain helm, Helm gives up waiting and leaves the Job: status says why it cannot start.
    Files.delete(shop.migrations().directory().resolve("V5__broken.sql"));
    List<String> plainHelm = new java.util.ArrayList<>(List.of("upgrade", "shop"));
    plainHelm.addAll(shop.chartArguments("database.existingSecret=missing-db"));
    plainHelm.addAll(List.of("--timeout", "20s"));
    assertFalse(cluster.helm(ShopRelease.HELM_TIMEOUT, plainHelm.toArray(String[]::new)).ok());
    CliProcess.Result status =
        CliProcess.of("status", "shop", "-n", namespace, "-o", "json", "--fail-on", "failed")
            .env("KUBECONFIG", cluster.kubeconfig().toString())
            .run();
    assertEquals(5, status.exitCode(), status.all());
    JsonNode stuckJob = null;
    for (JsonNode job : new ObjectMapper().readTree(status.stdout()).at("/releases/0/jobs")) {
      if (job.get("state").asText().equals("cannot-start")) {
        stuckJob = job;
      }
    }
    assertNotNull(stuckJob, status.stdout());
    assertTrue(stuckJob.get("waiting").asText().contains("missing-db"), status.stdout());
    assertTrue(status.stderr().contains("cannot start"), status.stderr());

    // Through the wrapper: such a Job is not "a migration in progress" for the preflight; the
    // wrapper says why it cannot start, then removes it and what it was given (Helm does not).
    List<String> missingSecret = new java.util.ArrayList<>(upgrade);
    missingSecret.addAll(
        List.of("--set", "chartreuse.database.existingSecret=missing-db", "--timeout", "20s"));
    for (int attempt = 1; attempt <= 2; attempt++) {
      ProcessResult stuck =
          Processes.run(missingSecret, helmHome, temp, java.time.Duration.ofMinutes(4));
      assertEquals(1, stuck.exitCode(), stuck.toString());
      assertFalse(stuck.output().contains("a migration is running"), stuck.output());
      assertTrue(
          stuck.output().contains("CreateContainerConfigError: secret \"missing-db\" not found")
              && stuck
                  .output()
                  .contains("deleted Job shop-chartreuse-ephemeral, whose pod cannot start"),
          stuck.output());
      assertNoEphemeralLeft("after Helm gave up waiting (attempt " + attempt + ")");
      assertNull(migrationJob(), "the Job that could not start is gone");
    }
    // The Job's own deadline ends it (job.activeDeadlineSeconds); the wrapper then removes what
    // the failed hook left, and keeps the Job for its status.
    List<String> deadline = new java.util.ArrayList<>(upgrade);
    deadline.addAll(
        List.of(
            "--set",
            "chartreuse.database.existingSecret=missing-db",
            "--set",
            "chartreuse.job.activeDeadlineSeconds=8",
            "--timeout",
            "90s"));
    ProcessResult ended = Processes.run(deadline, helmHome, temp, java.time.Duration.ofMinutes(4));
    assertEquals(1, ended.exitCode(), ended.toString());
    assertTrue(
        migrationJob().getStatus().getConditions().stream()
            .anyMatch(
                c -> c.getType().equals("Failed") && c.getReason().equals("DeadlineExceeded")),
        ended.output());
    assertNoEphemeralLeft("after the Job's deadline");
    ProcessResult fixed = Processes.run(upgrade, helmHome, temp, java.time.Duration.ofMinutes(4));
    assertEquals(0, fixed.exitCode(), fixed.toString());
  }

  private io.fabric8.kubernetes.api.model.batch.v1.Job migrationJob() {
    return cluster
        .admin()
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName("shop-chartreuse-ephemeral")
        .get();
  }

  /**
   * What the migration Job used (ServiceAccount, Role, RoleBinding, ConfigMap, Secret named
   * -ephemeral) is gone after the wrapper's failed upgrade.
   */
  private void assertNoEphemeralLeft(String when) {
    var client = cluster.admin();
    List<String> left = new java.util.ArrayList<>();
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(o -> left.add("ServiceAccount " + o.getMetadata().getName()));
    client
        .rbac()
        .roles()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(o -> left.add("Role " + o.getMetadata().getName()));
    client
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(o -> left.add("RoleBinding " + o.getMetadata().getName()));
    client
        .configMaps()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(o -> left.add("ConfigMap " + o.getMetadata().getName()));
    client
        .secrets()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(o -> left.add("Secret " + o.getMetadata().getName()));
    assertEquals(
        List.of(),
        left.stream().filter(name -> name.endsWith("-ephemeral")).toList(),
        when + ": " + left);
  }

  private void assertMigratedTo(List<String> versions) throws Exception {
    try (Connection connection = database.connect()) {
      assertEquals(versions, MigrationFiles.appliedVersions(connection));
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
