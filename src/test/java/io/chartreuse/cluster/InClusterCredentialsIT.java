package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The chartreuse jar in a pod talks to the API server as the pod's ServiceAccount (the contract:
 * KUBERNETES_SERVICE_HOST/PORT and CHARTREUSE_SERVICEACCOUNT_DIR), not as the test's admin: a
 * ServiceAccount without any Role is refused, and the refusal names it.
 */
@KubeTest
class InClusterCredentialsIT {

  @Test
  void runnerInAPodActsAsItsServiceAccount(TestNamespace ns, FakeKubelet kubelet) throws Exception {
    String n = ns.name();
    ns.admin()
        .serviceAccounts()
        .inNamespace(n)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata().build())
        .create();
    ns.cluster().serviceAccountToken(n, "nobody", java.time.Duration.ofSeconds(60));
    ns.admin()
        .batch()
        .v1()
        .jobs()
        .inNamespace(n)
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("restore")
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName("nobody")
                .addNewContainer()
                .withName("restore")
                .withImage("ghcr.io/example/chartreuse:0.1.0")
                .withCommand("chartreuse-restore")
                .withArgs("web", "--skip-version-check")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    assertEquals("Failed", JobOutcomeIT.awaitFinished(ns, "restore").getType());
    Pod pod = JobOutcomeIT.onlyPod(ns, "restore");
    String name = pod.getMetadata().getName();
    String command = Files.readString(kubelet.podDir(name).resolve("restore.command"));
    assertTrue(command.contains("CHARTREUSE_SERVICEACCOUNT_DIR="), command);
    assertTrue(
        command.contains("\n  restore\n  web\n  --skip-version-check\n"),
        "chartreuse-restore → restore:\n" + command);
    String log = kubelet.log(name);
    assertTrue(
        log.contains("system:serviceaccount:" + n + ":nobody"),
        "refused as the pod's ServiceAccount:\n" + log);
  }
}
