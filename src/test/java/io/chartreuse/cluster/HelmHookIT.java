package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real helm binary installs a chart whose post-install hook Job runs the chartreuse jar, and
 * waits for it.
 */
@KubeTest
class HelmHookIT {

  static Path chart() throws URISyntaxException {
    return Paths.get(HelmHookIT.class.getResource("/cluster/charts/hook-job/Chart.yaml").toURI())
        .getParent();
  }

  @Test
  void installWaitsForThePostInstallHookAndSucceeds(TestNamespace ns, FakeKubelet kubelet)
      throws Exception {
    ProcessResult install =
        ns.helm(
            Duration.ofMinutes(4),
            "install",
            "ok",
            chart().toString(),
            "--wait",
            "--timeout",
            "3m");
    install.assertOk();

    // helm returned only after the hook Job had completed
    Job job = ns.admin().batch().v1().jobs().inNamespace(ns.name()).withName("ok-hook").get();
    assertNotNull(job, "hook Job kept by its delete policy");
    assertEquals(1, job.getStatus().getSucceeded());
    assertNotNull(job.getStatus().getCompletionTime());
    List<Pod> pods =
        ns.admin().pods().inNamespace(ns.name()).withLabel("job-name", "ok-hook").list().getItems();
    assertEquals(1, pods.size());
    Pod pod = pods.get(0);
    assertEquals("Succeeded", pod.getStatus().getPhase());
    assertTrue(
        kubelet.log(pod.getMetadata().getName()).contains("chartreuse"),
        kubelet.log(pod.getMetadata().getName()));
    // the hook's environment came from the hook ConfigMap (envFrom)
    String command =
        java.nio.file.Files.readString(
            kubelet.podDir(pod.getMetadata().getName()).resolve("hook.command"));
    assertTrue(command.contains("MESSAGE=hello from ok"), command);

    ProcessResult status = ns.helm(Duration.ofMinutes(1), "status", "ok");
    assertTrue(status.output().contains("STATUS: deployed"), status.output());
  }

  @Test
  void installFailsWhenTheHookJobFails(TestNamespace ns) throws Exception {
    ProcessResult install =
        ns.helm(
            Duration.ofMinutes(4),
            "install",
            "bad",
            chart().toString(),
            "--set",
            "hookArgs={no-such-subcommand}",
            "--set",
            "replicas=0",
            "--wait",
            "--timeout",
            "3m");
    assertFalse(install.ok(), install.toString());
    assertTrue(install.output().contains("BackoffLimitExceeded"), install.output());

    Job job = ns.admin().batch().v1().jobs().inNamespace(ns.name()).withName("bad-hook").get();
    assertEquals(1, job.getStatus().getFailed());
    ProcessResult status = ns.helm(Duration.ofMinutes(1), "status", "bad");
    assertTrue(status.output().contains("STATUS: failed"), status.output());
  }
}
