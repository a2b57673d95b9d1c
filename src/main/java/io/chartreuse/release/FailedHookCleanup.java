package io.chartreuse.release;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * After a failed {@code helm upgrade}: Helm deletes neither a hook Job whose pod can never start
 * (it only stops waiting) nor the ephemeral ServiceAccount, Role, RoleBinding, ConfigMap and Secret
 * that earlier hooks created for it (Helm 3 applies no deletion policy to hooks that preceded the
 * failed one). The wrapper removes both, unless a migration still runs: then nothing is touched. A
 * Job that ran and failed stays, for its log and for {@code status}.
 */
public final class FailedHookCleanup {
  private final KubeTarget target;
  private final ApiCalls api;
  private final Leftovers leftovers;

  public FailedHookCleanup(KubeTarget target, ApiCalls api, Leftovers leftovers) {
    this.target = target;
    this.api = api;
    this.leftovers = leftovers;
  }

  public void clean(String release, PrintStream out) {
    MigrationJobs jobs = new MigrationJobs(target, api);
    Optional<Job> latest = jobs.latest(release);
    if (latest.isPresent()) {
      Optional<String> why = jobs.cannotStart(latest.get());
      if (why.isPresent()) {
        leftovers.delete(
            new Leftovers.Item(
                target.namespace(), "Job", latest.get().getMetadata().getName(), false));
        out.println(
            "chartreuse: deleted Job "
                + latest.get().getMetadata().getName()
                + ", whose pod cannot start ("
                + why.get()
                + ")");
      }
    }
    List<Leftovers.Item> items =
        leftovers.find(Optional.of(target.namespace()), Optional.of(release));
    if (items.stream().anyMatch(item -> item.kind().equals("Job") && item.running())) {
      return; // a migration still runs and needs what it was given
    }
    for (Leftovers.Item item : items) {
      if (!item.kind().equals("Job") && item.name().endsWith("-ephemeral")) {
        leftovers.delete(item);
        out.println("chartreuse: deleted " + item.describe() + ", left by the failed hook");
      }
    }
  }
}
