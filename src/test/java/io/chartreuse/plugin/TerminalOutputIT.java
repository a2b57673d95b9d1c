package io.chartreuse.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.KubectlPlugin;
import io.chartreuse.testkube.ShopRelease;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin at a terminal and in a pipe (issue 15, point 2), through kubectl's plugin dispatch on
 * the real control plane: colour for every --color value on a pseudo-terminal and never when piped
 * or structured, kubectl-like tables, and progress while upgrade and restore wait.
 */
@KubeTest(kubelet = false)
class TerminalOutputIT {
  private static final String ESC = "\u001b[";

  @TempDir Path temp;
  private TestCluster cluster;
  private String namespace;
  private ShopRelease shop;

  @BeforeEach
  void install(TestCluster cluster) {
    this.cluster = cluster;
    namespace = cluster.createNamespace("terminal");
    TestDatabase database = TestPostgres.get().createDatabase("terminal");
    shop = new ShopRelease(cluster, namespace, database, temp);
    shop.helm("install").assertOk();
  }

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void statusColoursATerminalOnlyAndReadsLikeKubectl() {
    shop.migrations().add("V4__add_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    assertEquals(0, shop.checkOnly().exitCode());

    ProcessResult auto = onTerminal(Map.of(), "status", "-n", namespace);
    assertEquals(0, auto.exitCode(), auto.toString());
    assertTrue(auto.output().contains(ESC + "33m1"), "pending in yellow: " + auto.output());
    assertTrue(
        onTerminal(Map.of(), "status", "-n", namespace, "--color", "auto").output().contains(ESC));
    assertFalse(piped(Map.of(), "status", "-n", namespace).output().contains(ESC), "piped");
    assertTrue(
        piped(Map.of(), "status", "-n", namespace, "--color", "always").output().contains(ESC),
        "always, even piped");
    for (List<String> plain :
        List.of(
            List.of("--color", "never"),
            List.of("--no-color"),
            List.of("-o", "json", "--color", "always"),
            List.of("-o", "yaml"))) {
      List<String> args = new ArrayList<>(List.of("status", "-n", namespace));
      args.addAll(plain);
      ProcessResult result = onTerminal(Map.of(), args.toArray(String[]::new));
      assertEquals(0, result.exitCode(), result.toString());
      assertFalse(result.output().contains(ESC), plain + ": " + result.output());
    }
    for (Map<String, String> env : List.of(Map.of("NO_COLOR", "1"), Map.of("TERM", "dumb"))) {
      ProcessResult result = onTerminal(env, "status", "-n", namespace);
      assertFalse(result.output().contains(ESC), env + ": " + result.output());
    }

    String table = piped(Map.of(), "status", "-n", namespace).assertOk().output();
    String header = table.lines().findFirst().orElseThrow();
    assertTrue(header.startsWith("RELEASE") && header.contains("AGE"), table);
    assertFalse(header.contains("CHART"), table);
    assertTrue(table.lines().skip(1).anyMatch(l -> l.matches(".* checked +\\d+s +-$")), table);
    assertFalse(table.contains("T") && table.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT.*"), table);
    String wide = piped(Map.of(), "status", "-n", namespace, "-o", "wide").assertOk().output();
    assertTrue(wide.lines().findFirst().orElseThrow().contains("CHART"), wide);
    assertTrue(wide.contains("flyway") && wide.contains("shop-"), wide);
    // Across namespaces (other tests' releases and their warnings on stderr included): the header
    // starts with NAMESPACE.
    String all = piped(Map.of(), "status", "-A").assertOk().output();
    assertTrue(
        all.lines()
            .filter(line -> !line.startsWith("chartreuse: "))
            .findFirst()
            .orElse("")
            .startsWith("NAMESPACE"),
        all);

    // cleanup: what it deleted in green on a terminal, never coloured in a pipe or with --no-color.
    String dryRun = piped(Map.of(), "cleanup", "shop", "-n", namespace, "--dry-run").output();
    assertTrue(dryRun.contains("would delete Job/shop-chartreuse-ephemeral"), dryRun);
    assertFalse(dryRun.contains(ESC), dryRun);
    String plain =
        onTerminal(Map.of(), "cleanup", "shop", "-n", namespace, "--dry-run", "--no-color")
            .output();
    assertFalse(plain.contains(ESC), plain);
    String deleted = onTerminal(Map.of(), "cleanup", "shop", "-n", namespace).output();
    assertTrue(deleted.contains(ESC + "32mdeleted"), deleted);
  }

  @Test
  void upgradeSaysWhatHelmWaitsForAndKeepsHelmsLinesWhole() {
    Map<String, String> helmBin = Map.of("HELM_BIN", cluster.helm().toString());
    shop.migrations().add("V4__add_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    ProcessResult lines = piped(helmBin, upgrade("--progress", "lines"));
    assertEquals(0, lines.exitCode(), lines.toString());
    assertTrue(lines.output().contains("chartreuse: helm upgrade shop: "), lines.output());
    assertTrue(lines.output().contains("has been upgraded"), lines.output());
    assertTrue(
        lines.output().contains("migration Job shop-chartreuse-ephemeral succeeded"),
        lines.output());

    shop.migrations().add("V5__add_color.sql", "ALTER TABLE products ADD COLUMN color text;");
    ProcessResult terminal = onTerminal(helmBin, upgrade());
    assertEquals(0, terminal.exitCode(), terminal.toString());
    List<String> seen =
        terminal
            .output()
            .lines()
            .map(
                l ->
                    l.substring(l.lastIndexOf('\r') + 1).replaceAll("\u001b\\[[0-9;]*[A-Za-z]", ""))
            .toList();
    assertTrue(
        seen.stream().anyMatch(l -> l.startsWith("Release \"shop\" has been upgraded")),
        "Helm's line whole, after the progress line was taken away: " + terminal.output());
    assertTrue(terminal.output().contains("helm upgrade shop: "), terminal.output());
  }

  @Test
  void restoreWaitsUntilTheDeploymentsServeAndSaysWhatItWaitsFor() {
    strand("shop-worker");
    ProcessResult restored =
        piped(Map.of(), "restore", "shop", "-n", namespace, "--progress", "lines");
    assertEquals(0, restored.exitCode(), restored.toString());
    assertTrue(restored.output().contains("available again: shop-worker"), restored.output());
    assertEquals(
        1,
        cluster
            .admin()
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName("shop-worker")
            .get()
            .getStatus()
            .getAvailableReplicas());

    // Its new pods never get past an init container that waits: the wait ends at --wait with
    // exit 6, naming what is not available.
    shop.kubelet().runLocally("example/never-ready");
    strand("shop-worker");
    cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("shop-worker")
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getInitContainers()
                  .add(
                      new ContainerBuilder()
                          .withName("never-ready")
                          .withImage("example/never-ready:1")
                          .withCommand("sleep", "600")
                          .build());
              return d;
            });
    ProcessResult stuck =
        piped(Map.of(), "restore", "shop", "-n", namespace, "--wait", "4", "--progress", "lines");
    assertEquals(6, stuck.exitCode(), stuck.toString());
    assertTrue(stuck.output().contains("not available after 4 s: shop-worker 0/1"), stuck.output());
    assertTrue(
        stuck
            .output()
            .contains("chartreuse: waiting for Deployments to be available: shop-worker 0/1"),
        stuck.output());

    ProcessResult badWait = piped(Map.of(), "restore", "shop", "-n", namespace, "--wait", "-1");
    assertEquals(2, badWait.exitCode(), badWait.toString());
  }

  /**
   * The Deployment as a runner leaves it: marked as stopped by the release, scaled to 0, its pods
   * gone.
   */
  private void strand(String deployment) {
    cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(deployment)
        .edit(
            d -> {
              d.getMetadata().getAnnotations().put("wiremind.io/stopped-by", "shop");
              d.getMetadata().getAnnotations().put("wiremind.io/stopped-replicas", "1");
              d.getSpec().setReplicas(0);
              return d;
            });
    cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(deployment)
        .waitUntilCondition(
            d -> d.getStatus() == null || orZero(d.getStatus().getReplicas()) == 0,
            60,
            java.util.concurrent.TimeUnit.SECONDS);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private String[] upgrade(String... extra) {
    List<String> args = new ArrayList<>(List.of("upgrade", ShopRelease.RELEASE));
    args.addAll(shop.chartArguments());
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private ProcessResult onTerminal(Map<String, String> env, String... args) {
    return KubectlPlugin.runOnTerminal(cluster, env, args);
  }

  private ProcessResult piped(Map<String, String> env, String... args) {
    return KubectlPlugin.run(cluster, env, args);
  }
}
