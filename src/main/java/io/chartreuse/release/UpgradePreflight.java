package io.chartreuse.release;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.StopMark;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * What can make a {@code helm upgrade} with a chartreuse migration go wrong before it starts: a
 * migration already running, Deployments a previous run left stopped, or an identity that may not
 * create what the chart's hooks create. Each problem is one line saying what to do.
 */
public final class UpgradePreflight {
  /** What the chart's hooks and Helm's release storage need from the person upgrading. */
  private static final List<String[]> NEEDED =
      List.of(
          new String[] {"create", "batch", "jobs"},
          new String[] {"create", "", "serviceaccounts"},
          new String[] {"create", "", "configmaps"},
          new String[] {"create", "", "secrets"},
          new String[] {"create", "rbac.authorization.k8s.io", "roles"},
          new String[] {"create", "rbac.authorization.k8s.io", "rolebindings"});

  private final KubeTarget target;
  private final ApiCalls api;

  public UpgradePreflight(KubeTarget target, ApiCalls api) {
    this.target = target;
    this.api = api;
  }

  public List<String> problems(String release) {
    List<String> problems = new ArrayList<>();
    MigrationJobs jobs = new MigrationJobs(target, api);
    // A Job whose pod can never start (a missing Secret, an image that cannot be pulled) is no
    // migration in progress: the upgrade's hook replaces it.
    List<Job> running =
        jobs.all(release).stream()
            .filter(
                job ->
                    job.getStatus() != null
                        && job.getStatus().getActive() != null
                        && job.getStatus().getActive() > 0)
            .filter(job -> jobs.cannotStart(job).isEmpty())
            .toList();
    running.forEach(
        job ->
            problems.add(
                "a migration is running (Job "
                    + job.getMetadata().getName()
                    + "): wait for it, or follow it with kubectl logs -f job/"
                    + job.getMetadata().getName()));
    List<String> stranded =
        api
            .call(
                "list deployments",
                () ->
                    target
                        .client()
                        .apps()
                        .deployments()
                        .inNamespace(target.namespace())
                        .list()
                        .getItems())
            .stream()
            .filter(d -> StopMark.isStoppedBy(d, release))
            .map(d -> d.getMetadata().getName())
            .sorted()
            .toList();
    if (!stranded.isEmpty()) {
      problems.add(
          "Deployments left stopped by a previous migration: "
              + String.join(", ", stranded)
              + "; run 'kubectl chartreuse restore "
              + release
              + " -n "
              + target.namespace()
              + "' first");
    }
    List<String> denied = new ArrayList<>();
    for (String[] rule : NEEDED) {
      SelfSubjectAccessReview review =
          new SelfSubjectAccessReviewBuilder()
              .withNewSpec()
              .withResourceAttributes(
                  new ResourceAttributesBuilder()
                      .withNamespace(target.namespace())
                      .withVerb(rule[0])
                      .withGroup(rule[1])
                      .withResource(rule[2])
                      .build())
              .endSpec()
              .build();
      SelfSubjectAccessReview answer =
          api.call(
              "create selfsubjectaccessreviews",
              () -> target.client().authorization().v1().selfSubjectAccessReview().create(review));
      if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
        denied.add(rule[0] + " " + rule[2] + (rule[1].isEmpty() ? "" : "." + rule[1]));
      }
    }
    if (!denied.isEmpty()) {
      problems.add(
          "you may not "
              + String.join(", ", denied)
              + " in namespace "
              + target.namespace()
              + ", which the chart's migration hooks need; ask for these permissions");
    }
    return problems;
  }
}
