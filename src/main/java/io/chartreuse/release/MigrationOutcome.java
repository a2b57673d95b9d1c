package io.chartreuse.release;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.PodState;
import io.chartreuse.record.StatusConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What the upgrade wrapper says after Helm: how the release's latest migration Job ended, and when
 * it failed, its log and the error its status records hold, where Helm only says
 * "BackoffLimitExceeded" (Helm 3) or "resource not ready" (Helm 4). Read from the cluster, never
 * from Helm's words, so it is the same under either Helm. A Job that was there before Helm ran (the
 * same uid: the chart's hook is deleted and created again) is an earlier upgrade's: Helm stopped
 * before its hooks, e.g. when {@code --wait} gave up on the workloads.
 */
public final class MigrationOutcome {
  private final KubeTarget target;
  private final ApiCalls api;

  public MigrationOutcome(KubeTarget target, ApiCalls api) {
    this.target = target;
    this.api = api;
  }

  /** The uid of the release's latest migration Job, taken before Helm runs. */
  public Optional<String> latestJobUid(String release) {
    return new MigrationJobs(target, api).latest(release).map(job -> job.getMetadata().getUid());
  }

  public void print(String release, Optional<String> uidBeforeHelm, PrintStream out) {
    MigrationJobs jobs = new MigrationJobs(target, api);
    Optional<Job> job = jobs.latest(release);
    if (job.isEmpty()) {
      out.println(
          "chartreuse: no migration Job of release "
              + release
              + " in namespace "
              + target.namespace());
      return;
    }
    String name = job.get().getMetadata().getName();
    String outcome = MigrationJobs.outcome(job.get());
    if (uidBeforeHelm.isPresent() && uidBeforeHelm.get().equals(job.get().getMetadata().getUid())) {
      out.println(
          "chartreuse: no migration Job ran in this upgrade (Helm stopped before its hooks,"
              + " or ran none); the last one, "
              + name
              + ", "
              + outcome);
      return;
    }
    out.println("chartreuse: migration Job " + name + " " + outcome);
    if (outcome.equals("running") || outcome.equals("not started")) {
      // Helm gave up waiting: say what the pod waits for (a missing Secret never resolves).
      out.println("chartreuse: " + PodState.describe(jobs.lastPod(job.get())));
      return;
    }
    if (!outcome.equals("failed")) {
      return;
    }
    out.println(
        jobs.log(job.get())
            .map(log -> "--- log of the migration ---\n" + log.stripTrailing() + "\n---")
            .orElse("(the migration's log is not available: kubectl logs job/" + name + ")"));
    api.call(
            "list the status records of " + release,
            () ->
                target
                    .client()
                    .configMaps()
                    .inNamespace(target.namespace())
                    .withLabel(Leftovers.INSTANCE, release)
                    .withLabel("app.kubernetes.io/managed-by", "chartreuse")
                    .list()
                    .getItems())
        .forEach(
            configMap ->
                new StatusConfigMap(target, api, configMap.getMetadata().getName(), release)
                    .read()
                    .flatMap(record -> record.lastRun().error())
                    .ifPresent(error -> out.println("status record: " + error)));
  }
}
