package io.chartreuse.release;

import io.chartreuse.kube.PodState;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * What a running {@code helm upgrade} waits for, as far as chartreuse can see: its migration Job (a
 * Job the release did not have before the upgrade began, told apart by uid since Helm reuses the
 * name) and that Job's pod; before and after it, Helm itself.
 */
public final class UpgradeWatch {
  private final MigrationJobs jobs;
  private final String release;
  private final Optional<String> before;

  /** {@code before}: the uid of the release's latest migration Job before Helm started, if any. */
  public UpgradeWatch(MigrationJobs jobs, String release, Optional<String> before) {
    this.jobs = jobs;
    this.release = release;
    this.before = before;
  }

  /** One line for the progress indicator; a failed look says only that Helm is running. */
  public String state() {
    try {
      Optional<Job> job = jobs.latest(release).filter(j -> !uid(j).equals(before));
      if (job.isEmpty()) {
        return "helm upgrade " + release + ": waiting for Helm";
      }
      String name = job.get().getMetadata().getName();
      String outcome = MigrationJobs.outcome(job.get());
      if (!outcome.equals("running") && !outcome.equals("not started")) {
        return "helm upgrade "
            + release
            + ": migration Job "
            + name
            + " "
            + outcome
            + "; waiting for Helm";
      }
      return "helm upgrade "
          + release
          + ": migration Job "
          + name
          + ", "
          + PodState.describe(jobs.lastPod(job.get()));
    } catch (RuntimeException e) {
      return "helm upgrade " + release + ": running";
    }
  }

  private static Optional<String> uid(Job job) {
    return Optional.ofNullable(job.getMetadata().getUid());
  }
}
