package io.chartreuse.chart;

import static io.chartreuse.chart.RenderedChart.annotation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chart as the real helm renders it, mode by mode: which resources, which hooks and weights,
 * which names.
 */
@KubeTest(kubelet = false)
class ChartTemplateIT {
  private TestCluster cluster;

  @BeforeEach
  void cluster(TestCluster cluster) {
    this.cluster = cluster;
  }

  private static final String[] DB = {
    "--set", "database.url=postgresql://db:5432/app", "--set", "database.password=pw"
  };
  private static final Set<String> DEPENDENCY_KINDS =
      Set.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret");

  private static String[] with(String... more) {
    String[] all = new String[DB.length + more.length];
    System.arraycopy(DB, 0, all, 0, DB.length);
    System.arraycopy(more, 0, all, DB.length, more.length);
    return all;
  }

  @Test
  void helmLintIsCleanForEveryCiValuesFile() {
    for (String values :
        List.of("default-values.yaml", "pre-upgrade-values.yaml", "argocd-values.yaml")) {
      ProcessResult lint =
          cluster.helm(
              Duration.ofSeconds(60),
              "lint",
              "--strict",
              TestCluster.basedir().resolve("chart").toString(),
              "-f",
              TestCluster.basedir().resolve("chart/ci/" + values).toString());
      assertTrue(lint.ok() && lint.output().contains("0 chart(s) failed"), lint.toString());
    }
  }

  @Test
  void postModeIsAPostInstallAndPostUpgradeHookWithEphemeralDependenciesOneWeightEarlier() {
    for (boolean upgrade : new boolean[] {false, true}) {
      RenderedChart chart =
          upgrade
              ? RenderedChart.render(cluster, with("--is-upgrade"))
              : RenderedChart.render(cluster, DB);
      JsonNode job = chart.get("Job", "r-chartreuse-ephemeral");
      assertEquals("post-install,post-upgrade", annotation(job, "helm.sh/hook"));
      assertEquals("1", annotation(job, "helm.sh/hook-weight"));
      assertEquals("before-hook-creation", annotation(job, "helm.sh/hook-delete-policy"));
      assertEquals(
          "r-chartreuse-ephemeral", job.at("/spec/template/spec/serviceAccountName").asText());
      for (JsonNode dependency : dependencies(chart)) {
        assertTrue(
            dependency.at("/metadata/name").asText().endsWith("-ephemeral"), dependency.toString());
        assertEquals("post-install,post-upgrade", annotation(dependency, "helm.sh/hook"));
        assertEquals("0", annotation(dependency, "helm.sh/hook-weight"));
        assertEquals("before-hook-creation", annotation(dependency, "helm.sh/hook-delete-policy"));
      }
      assertEquals(5, dependencies(chart).size(), chart.names().toString());
      assertTrue(
          chart.find("Job", "r-chartreuse-restore").isEmpty(), "no restore Job in post mode");
    }
  }

  @Test
  void preModeIsAPlainResourceOnInstallAndAPreUpgradeHookOnUpgradeWithARestoreJob() {
    RenderedChart install =
        RenderedChart.render(cluster, with("--set", "upgradeBeforeDeployment=true"));
    JsonNode job = install.get("Job", "r-chartreuse");
    assertNull(job.at("/metadata/annotations").get("helm.sh/hook"));
    assertEquals(
        "1", install.get("ConfigMap", "r-chartreuse").at("/data/HELM_IS_INSTALL").asText());
    dependencies(install).forEach(d -> assertNull(annotation(d, "helm.sh/hook"), d.toString()));

    RenderedChart upgrade =
        RenderedChart.render(
            cluster,
            with(
                "--set",
                "upgradeBeforeDeployment=true",
                "--set",
                "upgradeJobWeight=5",
                "--is-upgrade"));
    JsonNode hook = upgrade.get("Job", "r-chartreuse-ephemeral");
    assertEquals("pre-upgrade", annotation(hook, "helm.sh/hook"));
    assertEquals("5", annotation(hook, "helm.sh/hook-weight"));
    assertEquals(
        "",
        upgrade.get("ConfigMap", "r-chartreuse-ephemeral").at("/data/HELM_IS_INSTALL").asText());
    assertEquals(
        "4", annotation(upgrade.get("Role", "r-chartreuse-ephemeral"), "helm.sh/hook-weight"));
    assertNull(
        annotation(upgrade.get("Role", "r-chartreuse"), "helm.sh/hook"),
        "the plain set stays for the restore Job");
    JsonNode restore = upgrade.get("Job", "r-chartreuse-restore");
    assertEquals("post-upgrade", annotation(restore, "helm.sh/hook"));
    assertEquals("r-chartreuse", restore.at("/spec/template/spec/serviceAccountName").asText());
    assertEquals(
        "/opt/chartreuse/bin/chartreuse-restore",
        restore.at("/spec/template/spec/containers/0/command/0").asText());

    RenderedChart noRestore =
        RenderedChart.render(
            cluster, with("--set", "upgradeBeforeDeployment=true", "--set", "restorePods=false"));
    assertTrue(noRestore.find("Job", "r-chartreuse-restore").isEmpty());
  }

  @Test
  void argoCdModeUsesSyncHooksAndWavesAndNeverClaimsAnInstall() {
    RenderedChart chart =
        RenderedChart.render(
            cluster,
            with(
                "--set",
                "deploymentMethod=argocd",
                "--set",
                "upgradeBeforeDeployment=true",
                "--set",
                "argocd.syncWave=-20"));
    JsonNode job = chart.get("Job", "r-chartreuse");
    assertEquals("Sync", annotation(job, "argocd.argoproj.io/hook"));
    assertEquals("BeforeHookCreation", annotation(job, "argocd.argoproj.io/hook-delete-policy"));
    assertEquals("-20", annotation(job, "argocd.argoproj.io/sync-wave"));
    assertNull(annotation(job, "helm.sh/hook"));
    for (JsonNode dependency : dependencies(chart)) {
      assertEquals(
          "-21", annotation(dependency, "argocd.argoproj.io/sync-wave"), dependency.toString());
      assertFalse(dependency.at("/metadata/name").asText().endsWith("-ephemeral"));
    }
    assertEquals("", chart.get("ConfigMap", "r-chartreuse").at("/data/HELM_IS_INSTALL").asText());
    assertEquals(
        "PostSync",
        annotation(chart.get("Job", "r-chartreuse-restore"), "argocd.argoproj.io/hook"));
  }

  @Test
  void theJobIsHardenedAndBounded() {
    JsonNode pod = RenderedChart.render(cluster, DB).get("Job", "r-chartreuse-ephemeral");
    assertEquals(0, pod.at("/spec/backoffLimit").asInt());
    assertEquals(1800, pod.at("/spec/ttlSecondsAfterFinished").asInt());
    JsonNode container = pod.at("/spec/template/spec/containers/0");
    assertTrue(pod.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean());
    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
    assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean());
    assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
    assertEquals("256Mi", container.at("/resources/requests/memory").asText());
    assertTrue(
        pod.at("/spec/template/spec/initContainers").isMissingNode(),
        "no init container waits forever");
    assertEquals("chartreuse/chartreuse:0.1.0", container.get("image").asText());
    assertEquals("password", container.at("/env/0/valueFrom/secretKeyRef/key").asText());
    assertEquals(
        300 + 300 + 2 * 600 + 3600,
        pod.at("/spec/activeDeadlineSeconds").asInt(),
        "a Job whose pod can never start ends: the timeouts' sum plus an hour");
    assertTrue(
        RenderedChart.render(cluster, with("--set", "job.activeDeadlineSeconds=0"))
            .get("Job", "r-chartreuse-ephemeral")
            .at("/spec/activeDeadlineSeconds")
            .isMissingNode());
    assertEquals(
        120,
        RenderedChart.render(cluster, with("--set", "job.activeDeadlineSeconds=120"))
            .get("Job", "r-chartreuse-ephemeral")
            .at("/spec/activeDeadlineSeconds")
            .asInt());
  }

  @Test
  void databaseNamesAndTheExistingSecretAreTemplated() {
    RenderedChart rendered =
        RenderedChart.render(
            cluster,
            "--set-literal",
            "database.url=postgresql://{{ .Release.Name }}-postgresql:5432/app",
            "--set-literal",
            "database.user={{ .Release.Name }}",
            "--set-literal",
            "database.existingSecret={{ .Release.Name }}-postgresql",
            "--set",
            "database.existingSecretPasswordKey=postgres-password");
    JsonNode container =
        rendered.get("Job", "r-chartreuse-ephemeral").at("/spec/template/spec/containers/0");
    assertEquals(
        "r-postgresql",
        container.at("/env/0/valueFrom/secretKeyRef/name").asText(),
        container.toString());
    assertEquals("postgres-password", container.at("/env/0/valueFrom/secretKeyRef/key").asText());
    JsonNode config = rendered.get("ConfigMap", "r-chartreuse-ephemeral").get("data");
    assertEquals(
        "postgresql://r-postgresql:5432/app",
        config.get("CHARTREUSE_DATABASE_URL").asText(),
        config.toString());
    assertEquals("r", config.get("CHARTREUSE_DATABASE_USER").asText());
  }

  @Test
  void migrationsCanBeCopiedFromTheApplicationsImage() {
    JsonNode pod =
        RenderedChart.render(
                cluster,
                with(
                    "--set",
                    "migrations.fromImage.repository=example/shop",
                    "--set",
                    "migrations.fromImage.tag=1.2.3",
                    "--set",
                    "migrations.fromImage.path=/srv/db"))
            .get("Job", "r-chartreuse-ephemeral")
            .at("/spec/template/spec");
    assertEquals("example/shop:1.2.3", pod.at("/initContainers/0/image").asText());
    assertEquals("/srv/db", pod.at("/initContainers/0/env/0/value").asText());
    assertEquals("/app/migrations", pod.at("/containers/0/volumeMounts/1/mountPath").asText());
  }

  @Test
  void theRoleIsExactlyTheDocumentedOne() {
    RenderedChart chart =
        RenderedChart.render(cluster, with("--set", "upgradeBeforeDeployment=true"));
    JsonNode rendered =
        new ObjectMapper().valueToTree(chart.get("Role", "r-chartreuse").get("rules"));
    var documented =
        new RunnerIdentity(cluster, "shop", "r-chartreuse-status").documentedRole().getRules();
    assertEquals(
        new ObjectMapper().valueToTree(documented).toString(), normalize(rendered).toString());
  }

  @Test
  void badValuesAreRejectedWithAReadableError() {
    ProcessResult unknownKey = RenderedChart.template(cluster, with("--set", "engin=flyway"));
    assertFalse(unknownKey.ok());
    assertTrue(
        unknownKey.output().contains("Additional property engin is not allowed"),
        unknownKey.output());
    ProcessResult badEnum = RenderedChart.template(cluster, with("--set", "deploymentMethod=flux"));
    assertTrue(
        badEnum.output().contains("deploymentMethod must be one of the following"),
        badEnum.output());
    ProcessResult badType = RenderedChart.template(cluster, with("--set", "timeouts.lock=soon"));
    assertTrue(
        badType.output().contains("timeouts.lock: Invalid type. Expected: integer"),
        badType.output());
    ProcessResult credentials =
        RenderedChart.template(cluster, "--set", "database.url=postgresql://u:secret@db/app");
    assertTrue(
        credentials.output().contains("database.url must not hold credentials"),
        credentials.output());
    ProcessResult missing = RenderedChart.template(cluster);
    assertTrue(
        missing.output().contains("chartreuse VALUES VALIDATION")
            && missing.output().contains("database.url is required"),
        missing.output());
  }

  private static List<JsonNode> dependencies(RenderedChart chart) {
    return chart.all().stream()
        .filter(m -> DEPENDENCY_KINDS.contains(m.get("kind").asText()))
        .collect(Collectors.toList());
  }

  /** The Fabric8 model drops empty fields; compare the rendered rules the same way. */
  private static JsonNode normalize(JsonNode rules) {
    return new ObjectMapper()
        .valueToTree(
            new ObjectMapper()
                .convertValue(
                    rules,
                    new com.fasterxml.jackson.core.type.TypeReference<
                        List<io.fabric8.kubernetes.api.model.rbac.PolicyRule>>() {}));
  }
}
