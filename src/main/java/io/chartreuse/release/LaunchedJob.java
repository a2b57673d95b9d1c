package io.chartreuse.release;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.PodState;
import io.chartreuse.progress.Progress;
import io.chartreuse.terminal.Palette;
import io.chartreuse.terminal.Tone;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Creates a Job and what it uses, follows its pod's log through the API server, and waits (bounded)
 * for its end, saying while it waits what the pod is waiting for (scheduling, image pull, …).
 */
public final class LaunchedJob {
  private final KubeTarget target;
  private final ApiCalls api;
  private final PrintStream out;
  private final Duration timeout;
  private final Supplier<Progress> progress;
  private final Palette palette;

  /** {@code progress}: a new indicator for each wait; {@code palette}: for the Job's outcome. */
  public LaunchedJob(
      KubeTarget target,
      ApiCalls api,
      PrintStream out,
      Duration timeout,
      Supplier<Progress> progress,
      Palette palette) {
    this.palette = palette;
    this.target = target;
    this.api = api;
    this.out = out;
    this.timeout = timeout;
    this.progress = progress;
  }

  /**
   * Creates {@code resource}, replacing a leftover of the same name (as Helm's before-hook-creation
   * would).
   */
  public void replace(HasMetadata resource) {
    api.call(
        "create " + resource.getKind() + " " + resource.getMetadata().getName(),
        () ->
            target
                .client()
                .resource(resource)
                .inNamespace(target.namespace())
                .createOr(NonDeletingOperation::update));
  }

  public void delete(HasMetadata resource) {
    api.callTolerating404(
        "delete " + resource.getKind() + " " + resource.getMetadata().getName(),
        () -> target.client().resource(resource).inNamespace(target.namespace()).delete());
  }

  /** True when the Job succeeded. */
  public boolean runAndFollow(Job job) {
    String name = job.getMetadata().getName();
    api.call(
        "create jobs " + name,
        () ->
            target
                .client()
                .batch()
                .v1()
                .jobs()
                .inNamespace(target.namespace())
                .resource(job)
                .create());
    out.println("chartreuse: Job " + name + " created; following its log");
    Instant deadline = Instant.now().plus(timeout);
    Optional<Pod> pod = awaitPod(name, deadline);
    pod.ifPresent(this::follow);
    try (Progress waiting = progress.get()) {
      while (true) {
        Job current =
            api.call(
                "get jobs " + name,
                () ->
                    target
                        .client()
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(target.namespace())
                        .withName(name)
                        .get());
        String outcome = MigrationJobs.outcome(current);
        if (!outcome.equals("running") && !outcome.equals("not started")) {
          waiting.close();
          out.println(
              "chartreuse: Job "
                  + name
                  + " "
                  + palette.paint(outcome, outcome.equals("succeeded") ? Tone.GOOD : Tone.PROBLEM));
          return outcome.equals("succeeded");
        }
        if (Instant.now().isAfter(deadline)) {
          throw new ChartreuseException(
              ExitCode.TIMEOUT,
              "Job " + name + " still running after " + timeout.toSeconds() + " s (--timeout)");
        }
        waiting.show("Job " + name + ": " + outcome);
        ApiCalls.sleep(Duration.ofSeconds(1));
      }
    }
  }

  private Optional<Pod> awaitPod(String job, Instant deadline) {
    try (Progress waiting = progress.get()) {
      while (Instant.now().isBefore(deadline)) {
        List<Pod> pods =
            api.call(
                "list pods of Job " + job,
                () ->
                    target
                        .client()
                        .pods()
                        .inNamespace(target.namespace())
                        .withLabel("job-name", job)
                        .list()
                        .getItems());
        Optional<Pod> started =
            pods.stream()
                .filter(p -> p.getStatus() != null && !"Pending".equals(p.getStatus().getPhase()))
                .findFirst();
        if (started.isPresent()) {
          return started;
        }
        waiting.show("Job " + job + ", " + PodState.describe(pods.stream().findFirst()));
        ApiCalls.sleep(Duration.ofMillis(500));
      }
    }
    return Optional.empty();
  }

  /**
   * Streams the log until the container ends; a cluster that cannot serve logs only loses the log.
   */
  private void follow(Pod pod) {
    try (LogWatch watch =
        target
            .client()
            .pods()
            .inNamespace(target.namespace())
            .withName(pod.getMetadata().getName())
            .watchLog(out)) {
      watch.onClose().toCompletableFuture().get(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      out.println(
          "chartreuse: (the log of "
              + pod.getMetadata().getName()
              + " is not available: "
              + e.getMessage()
              + ")");
    }
  }
}
