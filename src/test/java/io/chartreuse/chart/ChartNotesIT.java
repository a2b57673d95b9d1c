package io.chartreuse.chart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testing.TestNamespace;
import io.chartreuse.testkube.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's NOTES, rendered by the real helm against the control plane ({@code --dry-run=server},
 * so that {@code lookup} sees the namespace): they say which Deployments a migration stops (the
 * release's ExpectedDeploymentScales, or its own Deployments by Helm's annotations) and the stop
 * policy.
 */
@KubeTest(kubelet = false)
class ChartNotesIT {
  private static ProcessResult notes(TestCluster cluster, String namespace, String... values) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "install",
                "shop",
                TestCluster.basedir().resolve("chart").toString(),
                "-n",
                namespace,
                "--dry-run=server",
                "--set",
                "database.url=postgresql://db:5432/app",
                "--set",
                "database.password=pw"));
    command.addAll(List.of(values));
    ProcessResult result = cluster.helm(Duration.ofSeconds(60), command.toArray(String[]::new));
    result.assertOk();
    return result;
  }

  @Test
  void aReleaseWithExpectedDeploymentScalesIsInThatMode(TestCluster cluster) {
    String namespace = cluster.createNamespace("notes-eds");
    new Workload(cluster, namespace, "shop").deployment("worker", 1, 10).deployment("web", 2, 0);
    String output = notes(cluster, namespace, "--set", "stopPolicy=breaking").output();
    assertTrue(
        output.contains(
            "Mode: ExpectedDeploymentScales. This release's ExpectedDeploymentScales name the"
                + " Deployments to stop: web, worker"),
        output);
    assertTrue(
        output.contains(
            "Stop policy breaking: the Deployments are stopped only when a pending migration is"
                + " breaking or unknown"),
        output);
    assertFalse(output.contains("Mode: release annotations"), output);
  }

  @Test
  void aReleaseWithoutThemIsInReleaseAnnotationMode(TestCluster cluster) {
    String namespace = cluster.createNamespace("notes-own");
    new Workload(cluster, namespace, "other").deployment("billing", 1, 0);
    new Workload(cluster, namespace, "shop").helmDeployment("web", 2, Map.of());
    String output = notes(cluster, namespace).output();
    assertTrue(
        output.contains(
            "Mode: release annotations. No ExpectedDeploymentScale labelled for this release was"
                + " found when this was rendered: the runner stops this release's own Deployments"
                + " (annotated meta.helm.sh/release-name=shop)"),
        output);
    assertTrue(output.contains("wiremind.io/stop-exclude=true"), output);
    assertTrue(
        output.contains(
            "Stop policy always: the Deployments are stopped while any migration is pending."),
        output);
  }

  @Test
  void stoppingOffSaysSo(TestCluster cluster, TestNamespace namespace) {
    String output = notes(cluster, namespace.name(), "--set", "stopPods=false").output();
    assertTrue(output.contains("Pod stopping is off (stopPods: false)"), output);
    assertFalse(output.contains("Mode:"), output);
  }
}
