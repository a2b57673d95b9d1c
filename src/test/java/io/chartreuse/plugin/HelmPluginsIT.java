package io.chartreuse.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.packaging.Distribution;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.ShopRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm plugin as each Helm installs it, with the real binaries, on the real control plane
 * (Kubernetes 1.20): Helm 3.18 from the directory with the legacy manifest, Helm 4.1 from the
 * package {@code helm plugin package} makes of Helm 4's manifest (helm4/plugin.yaml). Under each:
 * the install hook's start-up archive, {@code helm chartreuse status}, and {@code helm chartreuse
 * upgrade} installing, upgrading, stopping at that Helm's own wait before the hook, failing in the
 * hook (with that Helm's own rollback flag) and timing out on a hook whose pod cannot start — the
 * wrapper's account comes from the cluster, not from Helm's error text, which differs between the
 * two.
 */
@KubeTest(kubelet = false)
class HelmPluginsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private TestDatabase database;
  private ShopRelease shop;

  @BeforeEach
  void setUp(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("helm-plugins");
    database = TestPostgres.get().createDatabase("helmplugins");
    shop = new ShopRelease(cluster, namespace, database, temp);
  }

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void helm3InstallsTheLegacyManifestAndRunsStatusAndUpgrade() throws Exception {
    InstalledHelmPlugin helm =
        InstalledHelmPlugin.of(cluster.helm(), home("helm3"), cluster.kubeconfig());
    assertTrue(helm.run("version", "--short").output().startsWith("v3.18."));
    // Helm 3 links a directory into its plugins under the directory's name.
    ProcessResult install =
        helm.run("plugin", "install", Distribution.layOut(temp.resolve("chartreuse")).toString());
    assertEquals(0, install.exitCode(), install.toString());

    exercise(helm, List.of("--wait"), List.of("--atomic"));
  }

  @Test
  void helm4InstallsThePackagedCurrentManifestAndRunsStatusAndUpgrade() throws Exception {
    InstalledHelmPlugin helm =
        InstalledHelmPlugin.of(cluster.helm4(), home("helm4"), cluster.kubeconfig());
    assertTrue(helm.run("version", "--short").output().startsWith("v4."));
    Path plugin = Distribution.layOut(temp.resolve("plugin"));
    Files.copy(
        TestCluster.basedir().resolve("helm4/plugin.yaml"),
        plugin.resolve("plugin.yaml"),
        StandardCopyOption.REPLACE_EXISTING);
    helm.run("plugin", "package", plugin.toString(), "-d", temp.toString(), "--sign=false")
        .assertOk();
    String tgz = temp.resolve("chartreuse-" + version() + ".tgz").toString();

    // Installation checks provenance by default: an unsigned package needs --verify=false.
    ProcessResult unverified = helm.run("plugin", "install", tgz);
    assertEquals(1, unverified.exitCode(), unverified.toString());
    assertTrue(unverified.output().contains("no provenance file"), unverified.toString());
    ProcessResult install = helm.run("plugin", "install", tgz, "--verify=false");
    assertEquals(0, install.exitCode(), install.toString());
    ProcessResult list = helm.run("plugin", "list");
    assertTrue(
        list.output().matches("(?s).*chartreuse\\s+" + version() + "\\s+cli/v1\\s+v1\\s.*"),
        list.toString());

    exercise(helm, List.of("--wait=watcher"), List.of("--rollback-on-failure"));
  }

  /**
   * The same story under either Helm, with its own spelling of "wait for the workloads" and "roll
   * back when the upgrade fails".
   */
  private void exercise(InstalledHelmPlugin helm, List<String> wait, List<String> rollback)
      throws Exception {
    assertTrue(
        Files.size(helm.plugins().resolve("chartreuse/lib/chartreuse.jsa")) > 1_000_000,
        "the install hook makes the start-up archive");

    ProcessResult installed = helm.run(upgrade(List.of("--install"), wait));
    assertEquals(0, installed.exitCode(), installed.toString());
    assertTrue(
        installed.output().contains("migration Job shop-chartreuse-ephemeral succeeded"),
        installed.output());
    assertMigratedTo(List.of("1", "2", "3"));

    ProcessResult table = helm.run("chartreuse", "status", "shop", "-n", namespace);
    assertEquals(0, table.exitCode(), table.toString());
    assertTrue(table.output().contains("shop"), table.output());
    JsonNode release =
        JSON.readTree(
                helm.run("chartreuse", "status", "-n", namespace, "-o", "json").assertOk().output())
            .at("/releases/0");
    assertEquals("shop", release.get("release").asText(), release.toString());
    assertEquals("deployed", release.get("helm_status").asText(), release.toString());
    assertEquals(1, release.get("revision").asInt(), release.toString());

    shop.migrations().add("V4__add_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    ProcessResult upgraded = helm.run(upgrade(List.of(), wait));
    assertEquals(0, upgraded.exitCode(), upgraded.toString());
    assertTrue(
        upgraded.output().contains("migration Job shop-chartreuse-ephemeral succeeded"),
        upgraded.output());
    assertMigratedTo(List.of("1", "2", "3", "4"));

    // Helm's wait gives up on the workloads (the new image's containers cannot start: the fake
    // kubelet runs them as the local command "web", which does not exist) before the post-upgrade
    // hook: no migration ran, and the wrapper does not pass the last upgrade's Job off as this one.
    shop.kubelet().runLocally("example/shop:1.0.1");
    List<String> newImage =
        new ArrayList<>(List.of("--set", "image.tag=1.0.1", "--timeout", "15s"));
    newImage.addAll(wait);
    ProcessResult notReady = helm.run(upgrade(newImage, List.of()));
    assertEquals(1, notReady.exitCode(), notReady.toString());
    assertTrue(
        notReady
            .output()
            .contains(
                "chartreuse: no migration Job ran in this upgrade (Helm stopped before its hooks, or"
                    + " ran none); the last one, shop-chartreuse-ephemeral, succeeded"),
        notReady.output());

    // A failed migration hook; Helm rolls the release back, and the wrapper still shows why.
    shop.migrations().add("V5__broken.sql", "INSERT INTO no_such_table VALUES (1);");
    ProcessResult failed = helm.run(upgrade(List.of(), rollback));
    assertEquals(1, failed.exitCode(), failed.toString());
    assertTrue(
        failed.output().contains("migration Job shop-chartreuse-ephemeral failed")
            && failed.output().contains("--- log of the migration ---")
            && failed.output().contains("status record: migration V5__broken.sql failed"),
        failed.output());
    assertMigratedTo(List.of("1", "2", "3", "4"));
    assertEquals(
        5,
        helm.run("chartreuse", "status", "shop", "-n", namespace, "--fail-on", "failed")
            .exitCode());

    // A hook whose pod can never start (its database Secret does not exist): Helm times out, in
    // its own words; the wrapper says what the pod waits for.
    Files.delete(shop.migrations().directory().resolve("V5__broken.sql"));
    ProcessResult stuck =
        helm.run(
            upgrade(
                List.of(
                    "--set", "chartreuse.database.existingSecret=missing-db", "--timeout", "20s"),
                List.of()));
    assertEquals(1, stuck.exitCode(), stuck.toString());
    // Under both Helms the pod still says what it waits for: Helm 4, which deletes a failed hook's
    // earlier hooks that have hook-succeeded, finds none (the chart gives them only
    // before-hook-creation), so the Job's ephemeral ConfigMap is still there.
    assertTrue(
        stuck.output().contains("CreateContainerConfigError: secret \"missing-db\" not found"),
        stuck.output());

    ProcessResult fixed = helm.run(upgrade(List.of(), wait));
    assertEquals(0, fixed.exitCode(), fixed.toString());
    for (ProcessResult result : List.of(installed, upgraded, notReady, failed, stuck, fixed)) {
      assertFalse(result.output().contains(database.password()), "no password in the output");
    }
  }

  private List<String> upgrade(List<String> before, List<String> after) {
    // The shop's own arguments first: a --timeout in before or after comes later, and wins.
    List<String> args = new ArrayList<>(List.of("chartreuse", "upgrade", "shop"));
    args.addAll(shop.chartArguments());
    args.addAll(before);
    args.addAll(after);
    return args;
  }

  private Path home(String name) throws Exception {
    return Files.createDirectories(temp.resolve(name));
  }

  private void assertMigratedTo(List<String> versions) throws Exception {
    try (Connection connection = database.connect()) {
      assertEquals(versions, MigrationFiles.appliedVersions(connection));
    }
  }

  private static String version() {
    return System.getProperty("chartreuse.version", "0.1.0");
  }
}
