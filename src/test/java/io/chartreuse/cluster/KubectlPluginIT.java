package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.Processes;
import io.chartreuse.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real kubectl finds bin/kubectl-chartreuse on PATH and runs it. */
@KubeTest(kubelet = false)
class KubectlPluginIT {

  @Test
  void pluginListFindsTheLauncher(TestCluster cluster) {
    Path bin = TestCluster.basedir().resolve("bin");
    assertTrue(Files.isExecutable(bin.resolve("kubectl-chartreuse")));
    Map<String, String> env =
        Map.of(
            "PATH",
            bin + ":/usr/local/bin:/usr/bin:/bin",
            "KUBECONFIG",
            cluster.kubeconfig().toString());

    ProcessResult list =
        Processes.run(
            List.of(cluster.kubectl().toString(), "plugin", "list"),
            env,
            bin,
            Duration.ofSeconds(60));
    assertTrue(
        list.output().contains(bin.resolve("kubectl-chartreuse").toString()), list.toString());

    ProcessResult version =
        Processes.run(
            List.of(cluster.kubectl().toString(), "chartreuse", "version"),
            env,
            bin,
            Duration.ofSeconds(60));
    assertEquals(0, version.exitCode(), version.toString());
    assertTrue(version.output().contains("chartreuse"), version.toString());
  }
}
