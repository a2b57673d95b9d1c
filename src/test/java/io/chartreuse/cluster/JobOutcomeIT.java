package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.Await;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Jobs run the chartreuse jar as real processes: exit 0 completes the Job, a non-zero exit fails it
 * (the Job controller decides, from the pod phase the fake kubelet reports).
 */
@KubeTest
class JobOutcomeIT {

  @Test
  void jobWhosePodExitsZeroCompletes(TestNamespace ns, FakeKubelet kubelet) {
    createJob(ns, "version-ok", List.of("chartreuse"), List.of("version"));
    JobCondition c = awaitFinished(ns, "version-ok");
    assertEquals("Complete", c.getType());

    Pod pod = onlyPod(ns, "version-ok");
    assertEquals("Succeeded", pod.getStatus().getPhase());
    var terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    assertEquals(0, terminated.getExitCode());
    assertEquals("Completed", terminated.getReason());
    assertTrue(
        kubelet.log(pod.getMetadata().getName()).contains("chartreuse"),
        kubelet.log(pod.getMetadata().getName()));
  }

  @Test
  void jobWhosePodExitsNonZeroFails(TestNamespace ns, FakeKubelet kubelet) {
    createJob(ns, "usage-error", List.of(), List.of("no-such-subcommand"));
    JobCondition c = awaitFinished(ns, "usage-error");
    assertEquals("Failed", c.getType());
    assertEquals("BackoffLimitExceeded", c.getReason());

    Pod pod = onlyPod(ns, "usage-error");
    assertEquals("Failed", pod.getStatus().getPhase());
    var terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    assertEquals(2, terminated.getExitCode(), "picocli usage error");
    assertEquals("Error", terminated.getReason());
    assertTrue(
        kubelet.log(pod.getMetadata().getName()).contains("no-such-subcommand"),
        kubelet.log(pod.getMetadata().getName()));
  }

  static void createJob(TestNamespace ns, String name, List<String> command, List<String> args) {
    ns.admin()
        .batch()
        .v1()
        .jobs()
        .inNamespace(ns.name())
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("job", name)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("runner")
                .withImage("ghcr.io/example/chartreuse:0.1.0")
                .withCommand(command)
                .withArgs(args)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  static JobCondition awaitFinished(TestNamespace ns, String name) {
    return Await.value(
        Duration.ofSeconds(120),
        "Job " + name + " complete or failed",
        () -> {
          Job job = ns.admin().batch().v1().jobs().inNamespace(ns.name()).withName(name).get();
          if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
          }
          return job.getStatus().getConditions().stream()
              .filter(
                  c ->
                      ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                          && "True".equals(c.getStatus()))
              .findFirst();
        });
  }

  static Pod onlyPod(TestNamespace ns, String job) {
    List<Pod> pods =
        ns.admin().pods().inNamespace(ns.name()).withLabel("job-name", job).list().getItems();
    assertEquals(1, pods.size(), "pods of Job " + job);
    return pods.get(0);
  }
}
