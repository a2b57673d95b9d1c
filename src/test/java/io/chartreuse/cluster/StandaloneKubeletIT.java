package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.Await;
import io.chartreuse.testing.FakeKubeletMain;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone fake kubelet ({@link FakeKubeletMain}, what {@code scripts/test-cluster start}
 * runs in the background) as its own process against the shared control plane: it runs a Job whose
 * command is a chartreuse command (the image is not named chartreuse) with the jar, makes other
 * containers Running and Ready without running them, leaves the JUnit fixtures' namespaces (label
 * {@code chartreuse.io/test=true}) alone, and its pods' logs reach kubectl.
 */
@KubeTest(kubelet = false)
class StandaloneKubeletIT {

  @Test
  void standaloneProcessRunsAChartreuseJobInAnUnlabelledNamespace(
      TestCluster cluster, @TempDir Path temp) throws Exception {
    KubernetesClient admin = cluster.admin();
    String suffix = Long.toString(System.nanoTime() % 46656L + 46656L, 36).substring(1);
    String name = "standalone-test-" + suffix;
    // No test label; claimed for this test's kubelet, so that a standalone kubelet that a person
    // runs on
    // this control plane (scripts/test-cluster start) leaves it alone.
    String ns = "standalone-kubelet-" + suffix;
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .addToLabels(FakeKubeletMain.OWNER_LABEL, name)
                .endMetadata()
                .build())
        .create();
    String labelled = cluster.createNamespace("standalone-ignored"); // chartreuse.io/test=true
    Process kubelet = null;
    try {
      cluster.serviceAccountToken(ns, "default", Duration.ofSeconds(60));
      String classpath =
          Optional.ofNullable(System.getProperty("surefire.test.class.path"))
              .orElse(System.getProperty("java.class.path"));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Xmx256m",
                  "-Dchartreuse.basedir=" + TestCluster.basedir(),
                  "-cp",
                  classpath,
                  FakeKubeletMain.class.getName(),
                  "--kubeconfig",
                  cluster.kubeconfig().toString(),
                  "--name",
                  name,
                  "--namespace",
                  ns,
                  "--namespace",
                  labelled, // listed, but its label wins
                  "--pods-dir",
                  temp.resolve("pods").toString(),
                  "--log",
                  temp.resolve("kubelet.log").toString(),
                  "--ready-file",
                  temp.resolve("ready").toString()));
      if (System.getProperty("chartreuse.jar") != null) {
        command.add("--jar");
        command.add(System.getProperty("chartreuse.jar"));
      }
      long t0 = System.nanoTime();
      kubelet =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(temp.resolve("kubelet.out").toFile())
              .start();
      Process started = kubelet;
      Await.until(
          Duration.ofSeconds(90),
          "standalone fake kubelet ready (" + temp.resolve("kubelet.log") + ")",
          () -> {
            if (!started.isAlive()) {
              throw new AssertionError(
                  "the standalone fake kubelet exited with "
                      + started.exitValue()
                      + ":\n"
                      + read(temp.resolve("kubelet.out"))
                      + read(temp.resolve("kubelet.log")));
            }
            return Files.exists(temp.resolve("ready"));
          });
      System.err.printf("[standalone-kubelet] ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);

      // A pod in a fixture's namespace: never bound by the standalone kubelet.
      admin
          .pods()
          .inNamespace(labelled)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("not-mine")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("main")
                  .withImage("registry.example.com/shop:1.0.0")
                  .withCommand("chartreuse", "version")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      // A container whose command is not a chartreuse command: Running and Ready, not executed.
      admin
          .pods()
          .inNamespace(ns)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("web")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("web")
                  .withImage("registry.example.com/shop:1.0.0")
                  .withCommand("sh", "-c", "exit 3")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      // The Job: the image is the application's, the command a chartreuse command.
      admin
          .batch()
          .v1()
          .jobs()
          .inNamespace(ns)
          .resource(
              new JobBuilder()
                  .withNewMetadata()
                  .withName("migrate")
                  .endMetadata()
                  .withNewSpec()
                  .withBackoffLimit(0)
                  .withNewTemplate()
                  .withNewSpec()
                  .withRestartPolicy("Never")
                  .addNewContainer()
                  .withName("chartreuse")
                  .withImage("registry.example.com/shop:1.0.0")
                  .withCommand("chartreuse")
                  .withArgs("version")
                  .endContainer()
                  .endSpec()
                  .endTemplate()
                  .endSpec()
                  .build())
          .create();

      long tJob = System.nanoTime();
      Job job =
          Await.value(
              Duration.ofSeconds(120),
              "Job migrate complete",
              () -> {
                Job j = admin.batch().v1().jobs().inNamespace(ns).withName("migrate").get();
                boolean done =
                    j != null
                        && j.getStatus() != null
                        && j.getStatus().getConditions() != null
                        && j.getStatus().getConditions().stream()
                            .anyMatch(
                                c ->
                                    "True".equals(c.getStatus())
                                        && ("Complete".equals(c.getType())
                                            || "Failed".equals(c.getType())));
                return done ? Optional.of(j) : Optional.empty();
              });
      System.err.printf(
          "[standalone-kubelet] Job complete %.1f s after creation%n",
          (System.nanoTime() - tJob) / 1e9);
      assertTrue(
          job.getStatus().getConditions().stream().anyMatch(c -> "Complete".equals(c.getType())),
          "Job migrate complete, not failed: "
              + job.getStatus()
              + "\n"
              + read(temp.resolve("kubelet.log")));
      Pod pod =
          admin.pods().inNamespace(ns).withLabel("job-name", "migrate").list().getItems().get(0);
      assertEquals(TestCluster.NODE_NAME, pod.getSpec().getNodeName());
      Path podDir = temp.resolve("pods").resolve(ns).resolve(pod.getMetadata().getName());
      String written = read(podDir.resolve("logs/chartreuse.log"));
      assertTrue(written.startsWith("chartreuse "), written);
      // served to kubectl (by whichever JVM's log server the Node advertises: they share a
      // registry)
      ProcessResult logs =
          cluster
              .kubectl(Duration.ofSeconds(60), "--namespace", ns, "logs", "job/migrate")
              .assertOk();
      assertEquals(written, logs.output());

      Await.until(
          Duration.ofSeconds(60),
          "pod web Ready",
          () -> {
            Pod p = admin.pods().inNamespace(ns).withName("web").get();
            return p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
          });
      assertEquals(
          "Running", admin.pods().inNamespace(ns).withName("web").get().getStatus().getPhase());

      assertNull(
          admin.pods().inNamespace(labelled).withName("not-mine").get().getSpec().getNodeName(),
          "the standalone kubelet left the pod of a labelled namespace alone");
      String log = read(temp.resolve("kubelet.log"));
      assertTrue(log.contains(labelled + ": leaving this namespace's pods alone"), log);
      assertTrue(
          log.contains(ns + "/" + pod.getMetadata().getName() + ": chartreuse exited with 0"), log);
    } finally {
      if (kubelet != null) {
        kubelet.destroy(); // SIGTERM: the kubelet ends its pods' processes
        if (!kubelet.waitFor(15, TimeUnit.SECONDS)) {
          kubelet.destroyForcibly();
        }
      }
      admin.pods().inNamespace(ns).withGracePeriod(0).delete();
      admin.namespaces().withName(ns).delete();
      admin.pods().inNamespace(labelled).withGracePeriod(0).delete();
      admin.namespaces().withName(labelled).delete();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }
}
