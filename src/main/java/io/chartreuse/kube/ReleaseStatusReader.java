package io.chartreuse.kube;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chartreuse.helm.HelmRelease;
import io.chartreuse.helm.ReleaseStore;
import io.chartreuse.status.ReleaseStatus;
import io.chartreuse.status.StatusDocument;
import io.chartreuse.status.StatusFindings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins, for the releases that use chartreuse, Helm's release records with the runner's status records,
 * the chartreuse Jobs and the Deployments left stopped. A constant number of list calls per namespace
 * (one each for all namespaces with -A), whatever the number of releases.
 */
public final class ReleaseStatusReader {
  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final KubernetesClient client;
  private final ApiCalls api;
  private final ReleaseStore releases;

  public ReleaseStatusReader(KubernetesClient client, ApiCalls api, ReleaseStore releases) {
    this.client = client;
    this.api = api;
    this.releases = releases;
  }

  /** {@code namespace} empty: every namespace. */
  public List<ReleaseStatus> read(Optional<String> namespace) {
    List<HelmRelease> chartreuseReleases = releases.latest(namespace).stream().filter(HelmRelease::usesChartreuse).toList();
    if (chartreuseReleases.isEmpty()) {
      return List.of();
    }
    List<ConfigMap> records = list("configmaps labelled app.kubernetes.io/managed-by=chartreuse", namespace,
        ns -> client.configMaps().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "chartreuse").list().getItems(),
        () -> client.configMaps().inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "chartreuse").list().getItems());
    List<Job> jobs = list("jobs labelled app.kubernetes.io/part-of=chartreuse", namespace,
        ns -> client.batch().v1().jobs().inNamespace(ns).withLabel("app.kubernetes.io/part-of", "chartreuse").list().getItems(),
        () -> client.batch().v1().jobs().inAnyNamespace().withLabel("app.kubernetes.io/part-of", "chartreuse").list().getItems());
    List<Deployment> deployments = list("deployments", namespace,
        ns -> client.apps().deployments().inNamespace(ns).list().getItems(),
        () -> client.apps().deployments().inAnyNamespace().list().getItems());
    List<ReleaseStatus> statuses = new ArrayList<>();
    for (HelmRelease release : chartreuseReleases) {
      statuses.add(status(release, records, jobs, deployments));
    }
    return statuses;
  }

  private ReleaseStatus status(HelmRelease release, List<ConfigMap> records, List<Job> jobs, List<Deployment> deployments) {
    List<ReleaseStatus.HookRun> hooks = release.chartreuseJobs().stream()
        .filter(hook -> hook.lastRun().isPresent())
        .map(hook -> new ReleaseStatus.HookRun(hook.name(), hook.lastRun().get().phase(), hook.lastRun().get().startedAt(),
            hook.lastRun().get().completedAt()))
        .toList();
    List<ReleaseStatus.Instance> instances = ofRelease(records, release)
        .map(cm -> new ReleaseStatus.Instance(cm.getMetadata().getName(), parse(cm)))
        .toList();
    List<ReleaseStatus.JobSummary> jobSummaries = ofRelease(jobs, release).map(ReleaseStatusReader::summary).toList();
    List<String> stranded = deployments.stream()
        .filter(d -> d.getMetadata().getNamespace().equals(release.namespace()))
        .filter(d -> release.name().equals(Deployments.annotations(d).get(Deployments.STOPPED_BY)))
        .map(d -> d.getMetadata().getName())
        .sorted()
        .toList();
    return new ReleaseStatus(release.namespace(), release.name(), release.revision(), release.status(),
        release.chartName() + "-" + release.chartVersion(), release.appVersion(), hooks, instances, jobSummaries, stranded,
        StatusFindings.of(hooks, instances, stranded));
  }

  private static <T extends HasMetadata> java.util.stream.Stream<T> ofRelease(List<T> items, HelmRelease release) {
    return items.stream()
        .filter(item -> item.getMetadata().getNamespace().equals(release.namespace()))
        .filter(item -> release.name().equals(labels(item).get("app.kubernetes.io/instance")));
  }

  private static Map<String, String> labels(HasMetadata item) {
    return item.getMetadata().getLabels() == null ? Map.of() : item.getMetadata().getLabels();
  }

  private static Optional<StatusDocument> parse(ConfigMap configMap) {
    String json = configMap.getData() == null ? null : configMap.getData().get(StatusConfigMap.KEY);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(json, StatusDocument.class));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static ReleaseStatus.JobSummary summary(Job job) {
    var status = job.getStatus();
    String state = status == null ? "running"
        : status.getSucceeded() != null && status.getSucceeded() > 0 ? "succeeded"
        : status.getFailed() != null && status.getFailed() > 0 ? "failed" : "running";
    return new ReleaseStatus.JobSummary(job.getMetadata().getName(), state,
        Optional.ofNullable(status).map(s -> s.getStartTime()), Optional.ofNullable(status).map(s -> s.getCompletionTime()));
  }

  private <T> List<T> list(String what, Optional<String> namespace, java.util.function.Function<String, List<T>> inNamespace,
      java.util.function.Supplier<List<T>> everywhere) {
    return api.call("list " + what, () -> namespace.isPresent() ? inNamespace.apply(namespace.get()) : everywhere.get());
  }
}
