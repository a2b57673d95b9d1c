package io.chartreuse.release;

import io.chartreuse.exit.ChartreuseException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The migration Job of a release and what it uses, rebuilt from the release's own stored manifests
 * (so it is exactly what the chart would run), with a unique Job name and without Helm's hook
 * annotations. Each chartreuse subchart of the release is one Job; {@code --check-only} adds the
 * runner's flag.
 */
public final class LaunchPlan {
  private static final Set<String> DEPENDENCY_KINDS =
      Set.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "ExternalSecret");

  private final List<HasMetadata> dependencies;
  private final List<Job> jobs;

  private LaunchPlan(List<HasMetadata> dependencies, List<Job> jobs) {
    this.dependencies = List.copyOf(dependencies);
    this.jobs = List.copyOf(jobs);
  }

  public List<HasMetadata> dependencies() {
    return dependencies;
  }

  /** The dependencies as --dry-run prints them: a Secret's values are never shown. */
  public List<HasMetadata> printableDependencies() {
    return dependencies().stream().map(LaunchPlan::masked).toList();
  }

  private static HasMetadata masked(HasMetadata resource) {
    if (!(resource instanceof Secret secret)) {
      return resource;
    }
    Secret copy = new SecretBuilder(secret).build();
    if (copy.getData() != null) {
      copy.getData().replaceAll((key, value) -> "****");
    }
    if (copy.getStringData() != null) {
      copy.getStringData().replaceAll((key, value) -> "****");
    }
    return copy;
  }

  public List<Job> jobs() {
    return jobs;
  }

  /** {@code suffix}: appended to each Job's name to make it unique. */
  public static LaunchPlan of(
      KubernetesClient client, HelmRelease release, String suffix, boolean checkOnly) {
    List<HasMetadata> resources = new ArrayList<>();
    for (HelmRelease.Hook hook : release.hooks()) {
      if (hook.manifest().contains("app.kubernetes.io/part-of: chartreuse")) {
        resources.addAll(load(client, hook.manifest()));
      }
    }
    boolean fromHooks = resources.stream().anyMatch(LaunchPlan::isMigrationJob);
    if (!fromHooks) {
      // Pre-upgrade mode's install and Argo CD mode: the Job is a plain resource of the release;
      // its dependencies exist.
      resources =
          load(client, release.manifest()).stream().filter(LaunchPlan::isMigrationJob).toList();
    }
    List<HasMetadata> dependencies = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    for (HasMetadata resource : resources) {
      stripHelm(resource);
      if (isMigrationJob(resource)) {
        jobs.add(unique((Job) resource, suffix, checkOnly));
      } else if (fromHooks && DEPENDENCY_KINDS.contains(resource.getKind())) {
        dependencies.add(resource);
      }
    }
    if (jobs.isEmpty()) {
      throw ChartreuseException.failed(
          "release " + release.name() + " has no chartreuse migration Job in its manifests");
    }
    return new LaunchPlan(dependencies, jobs);
  }

  private static List<HasMetadata> load(KubernetesClient client, String manifest) {
    return client.load(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8))).items();
  }

  private static boolean isMigrationJob(HasMetadata resource) {
    return resource instanceof Job
        && "chartreuse-upgrade".equals(labels(resource).get(Leftovers.COMPONENT));
  }

  private static Map<String, String> labels(HasMetadata resource) {
    return resource.getMetadata().getLabels() == null
        ? Map.of()
        : resource.getMetadata().getLabels();
  }

  private static void stripHelm(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations != null) {
      annotations
          .keySet()
          .removeIf(key -> key.startsWith("helm.sh/hook") || key.startsWith("argocd.argoproj.io/"));
    }
  }

  private static Job unique(Job job, String suffix, boolean checkOnly) {
    String base = job.getMetadata().getName();
    String name =
        (base.length() + suffix.length() + 1 > 63 ? base.substring(0, 62 - suffix.length()) : base)
            + "-"
            + suffix;
    job.getMetadata().setName(name);
    Map<String, String> labels = new HashMap<>(labels(job));
    labels.put("chartreuse.io/launched-by", "plugin");
    job.getMetadata().setLabels(labels);
    if (checkOnly) {
      job.getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .forEach(
              container -> {
                List<String> args =
                    new ArrayList<>(container.getArgs() == null ? List.of() : container.getArgs());
                args.add("--check-only");
                container.setArgs(args);
              });
    }
    return job;
  }
}
