package io.chartreuse.release;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.JobState;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.PodState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A release's chartreuse Jobs after the fact: the latest one, its outcome and its pod's log. */
public final class MigrationJobs {
  private final KubeTarget target;
  private final ApiCalls api;

  public MigrationJobs(KubeTarget target, ApiCalls api) {
    this.target = target;
    this.api = api;
  }

  /** Every chartreuse Job of the release (migration and restore), by chartreuse's labels. */
  public List<Job> all(String release) {
    return api.call(
        "list jobs of release " + release,
        () ->
            target
                .client()
                .batch()
                .v1()
                .jobs()
                .inNamespace(target.namespace())
                .withLabel(Leftovers.PART_OF, "chartreuse")
                .withLabel(Leftovers.INSTANCE, release)
                .list()
                .getItems());
  }

  /** The most recently created migration (not restore) Job of the release. */
  public Optional<Job> latest(String release) {
    return all(release).stream()
        .filter(
            job ->
                "chartreuse-upgrade".equals(job.getMetadata().getLabels().get(Leftovers.COMPONENT)))
        .max(Comparator.comparing(job -> job.getMetadata().getCreationTimestamp()));
  }

  /** succeeded, failed, running or "not started" (see {@link JobState}). */
  public static String outcome(Job job) {
    return JobState.of(job);
  }

  /** The Job's most recent pod. */
  public Optional<Pod> lastPod(Job job) {
    return api
        .call(
            "list pods of Job " + job.getMetadata().getName(),
            () ->
                target
                    .client()
                    .pods()
                    .inNamespace(target.namespace())
                    .withLabel("job-name", job.getMetadata().getName())
                    .list()
                    .getItems())
        .stream()
        .max(Comparator.comparing(pod -> pod.getMetadata().getCreationTimestamp()));
  }

  /**
   * Why an active Job can never start (its pod waits on a missing Secret, an image that cannot be
   * pulled, …): such a Job is not a migration in progress.
   */
  public Optional<String> cannotStart(Job job) {
    return lastPod(job).flatMap(PodState::cannotStart);
  }

  /** The log of the Job's last pod, through the API server (the kubelet serves it). */
  public Optional<String> log(Job job) {
    return lastPod(job)
        .flatMap(
            pod -> {
              try {
                return Optional.ofNullable(
                    target
                        .client()
                        .pods()
                        .inNamespace(target.namespace())
                        .withName(pod.getMetadata().getName())
                        .getLog());
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
  }
}
