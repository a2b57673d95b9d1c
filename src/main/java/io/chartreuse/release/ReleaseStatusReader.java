package io.chartreuse.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.JobState;
import io.chartreuse.kube.ListItems;
import io.chartreuse.kube.ListRequest;
import io.chartreuse.kube.ListedItem;
import io.chartreuse.kube.Pending;
import io.chartreuse.kube.PodState;
import io.chartreuse.kube.RawLister;
import io.chartreuse.kube.StopMark;
import io.chartreuse.record.StatusConfigMap;
import io.chartreuse.status.ReleaseStatus;
import io.chartreuse.status.StatusFindings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Joins, for the releases that use chartreuse, Helm's release records with the runner's status
 * records, the chartreuse Jobs and the Deployments left stopped. A constant number of list calls
 * per namespace (one each for all namespaces with -A), whatever the number of releases; the four
 * are sent at once, read as JSON, and each list's items are reduced to what the join uses on that
 * list's own thread.
 */
public final class ReleaseStatusReader {
  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final RawLister lister;
  private final ReleaseStore releases;

  public ReleaseStatusReader(KubernetesClient client, ApiCalls api, ReleaseStore releases) {
    this.lister = new RawLister(client, api);
    this.releases = releases;
  }

  /** {@code namespace} empty: every namespace. */
  public List<ReleaseStatus> read(Optional<String> namespace) {
    return read(namespace, Optional.empty());
  }

  /**
   * Only {@code only}'s rows when it names a release: its stored revisions, status records and Jobs
   * are selected by their labels, so the API server sends, and this reads, only that release's.
   */
  public List<ReleaseStatus> read(Optional<String> namespace, Optional<String> only) {
    // A name that cannot be a label value is no release's: all are read, and none matches.
    Optional<String> selected = only.filter(name -> LABEL_VALUE.matcher(name).matches());
    String ofRelease = selected.map(r -> ",app.kubernetes.io/instance=" + r).orElse("");
    Pending<StoredReleases> latest = releases.start(namespace, selected);
    Pending<List<ListedItem<StatusConfigMap.Parsed>>> records =
        lister.start(
            "list configmaps labelled app.kubernetes.io/managed-by=chartreuse",
            ListRequest.core(
                "configmaps", namespace, "app.kubernetes.io/managed-by=chartreuse" + ofRelease),
            ListedItem.reader(ReleaseStatusReader::record));
    Pending<List<ListedItem<ReleaseStatus.JobSummary>>> jobs =
        lister.start(
            "list jobs labelled app.kubernetes.io/part-of=chartreuse",
            new ListRequest(
                "/apis/batch/v1",
                "jobs",
                namespace,
                Optional.of("app.kubernetes.io/part-of=chartreuse" + ofRelease),
                false),
            ListedItem.reader(ReleaseStatusReader::summary));
    // Only the stopped-by annotation is read: metadata is enough, and much smaller than whole
    // Deployments.
    Pending<List<ListedItem<Optional<String>>>> deployments =
        lister.start(
            "list deployments",
            new ListRequest("/apis/apps/v1", "deployments", namespace, Optional.empty(), true),
            ListedItem.reader(deployment -> ListItems.annotation(deployment, StopMark.ANNOTATION)));
    StoredReleases stored = latest.get();
    List<HelmRelease> chartreuseReleases =
        stored.readable().stream().filter(HelmRelease::usesChartreuse).toList();
    // Whether an unreadable release uses chartreuse cannot be known: it is shown, as what it is.
    List<ReleaseStatus> statuses = new ArrayList<>();
    for (UnreadableRelease unreadable : stored.unreadable()) {
      statuses.add(
          ReleaseStatus.unreadable(
              unreadable.namespace(),
              unreadable.name(),
              unreadable.revision(),
              unreadable.problem()));
    }
    if (!chartreuseReleases.isEmpty()) {
      // As before the lists were sent at once: without a chartreuse release, the other three do not
      // matter.
      List<ListedItem<ReleaseStatus.JobSummary>> jobSummaries = withPods(jobs.get(), namespace);
      for (HelmRelease release : chartreuseReleases) {
        statuses.add(status(release, records.get(), jobSummaries, deployments.get()));
      }
    }
    statuses.addAll(uninstalled(records.get(), stored.installed()));
    statuses.sort(
        Comparator.comparing(ReleaseStatus::namespace).thenComparing(ReleaseStatus::release));
    return statuses;
  }

  /**
   * A running Job may be one whose pod never starts (a missing Secret, an image that cannot be
   * pulled): only then are the pods listed (a fifth call), and such a Job says what its pod waits
   * for; one that can never start is {@code cannot-start}, not {@code running}.
   */
  private List<ListedItem<ReleaseStatus.JobSummary>> withPods(
      List<ListedItem<ReleaseStatus.JobSummary>> jobs, Optional<String> namespace) {
    if (jobs.stream().noneMatch(job -> job.content().state().equals("running"))) {
      return jobs;
    }
    Map<String, JsonNode> latestPod = new HashMap<>();
    for (ListedItem<JsonNode> pod :
        lister
            .start(
                "list pods labelled app.kubernetes.io/part-of=chartreuse",
                ListRequest.core("pods", namespace, "app.kubernetes.io/part-of=chartreuse"),
                ListedItem.reader(pod -> pod))
            .get()) {
      ListItems.label(pod.content(), "job-name")
          .ifPresent(
              job ->
                  latestPod.merge(
                      pod.namespace() + "/" + job,
                      pod.content(),
                      (a, b) ->
                          ListItems.metadata(a, "creationTimestamp")
                                      .compareTo(ListItems.metadata(b, "creationTimestamp"))
                                  >= 0
                              ? a
                              : b));
    }
    return jobs.stream()
        .map(
            job -> {
              JsonNode pod = latestPod.get(job.namespace() + "/" + job.name());
              if (pod == null || !job.content().state().equals("running")) {
                return job;
              }
              Optional<String> cannotStart = PodState.cannotStart(pod);
              String phase = pod.path("status").path("phase").asText("");
              ReleaseStatus.JobSummary summary = job.content();
              return new ListedItem<>(
                  job.namespace(),
                  job.name(),
                  job.instance(),
                  new ReleaseStatus.JobSummary(
                      summary.name(),
                      cannotStart.isPresent() ? "cannot-start" : summary.state(),
                      summary.startedAt(),
                      summary.completedAt(),
                      cannotStart.or(
                          () ->
                              phase.equals("Running")
                                  ? Optional.empty()
                                  : Optional.of(PodState.describe(pod)))));
            })
        .toList();
  }

  /**
   * Status records whose release Helm no longer has ({@code helm uninstall} leaves them, the runner
   * wrote them): one row per release, so that {@code cleanup} is not the only way to see them.
   */
  private static List<ReleaseStatus> uninstalled(
      List<ListedItem<StatusConfigMap.Parsed>> records, Set<String> installed) {
    Map<String, List<ListedItem<StatusConfigMap.Parsed>>> orphans = new TreeMap<>();
    for (ListedItem<StatusConfigMap.Parsed> record : records) {
      record
          .instance()
          .filter(instance -> !installed.contains(record.namespace() + "/" + instance))
          .filter(instance -> record.content().document().isPresent())
          .ifPresent(
              instance ->
                  orphans
                      .computeIfAbsent(
                          record.namespace() + "/" + instance, key -> new ArrayList<>())
                      .add(record));
    }
    List<ReleaseStatus> rows = new ArrayList<>();
    orphans.forEach(
        (key, items) ->
            rows.add(
                ReleaseStatus.uninstalled(
                    items.get(0).namespace(),
                    items.get(0).instance().orElseThrow(),
                    items.stream()
                        .map(
                            item ->
                                new ReleaseStatus.Instance(
                                    item.name(), item.content().document(), Optional.empty()))
                        .toList())));
    return rows;
  }

  private static ReleaseStatus status(
      HelmRelease release,
      List<ListedItem<StatusConfigMap.Parsed>> records,
      List<ListedItem<ReleaseStatus.JobSummary>> jobs,
      List<ListedItem<Optional<String>>> deployments) {
    List<ReleaseStatus.HookRun> hooks =
        release.chartreuseJobs().stream()
            .filter(hook -> hook.lastRun().isPresent())
            .map(
                hook ->
                    new ReleaseStatus.HookRun(
                        hook.name(),
                        hook.lastRun().get().phase(),
                        hook.lastRun().get().startedAt(),
                        hook.lastRun().get().completedAt()))
            .toList();
    List<ReleaseStatus.Instance> instances =
        ofRelease(records, release)
            .map(
                record ->
                    new ReleaseStatus.Instance(
                        record.name(),
                        record.content().document(),
                        record
                            .content()
                            .problem()
                            .map(p -> "ConfigMap " + record.name() + ": " + p)))
            .toList();
    List<ReleaseStatus.JobSummary> jobSummaries =
        ofRelease(jobs, release).map(ListedItem::content).toList();
    List<String> stranded =
        inNamespace(deployments, release)
            .filter(deployment -> deployment.content().filter(release.name()::equals).isPresent())
            .map(ListedItem::name)
            .sorted()
            .toList();
    return new ReleaseStatus(
        release.namespace(),
        release.name(),
        release.revision(),
        release.status(),
        release.chartName() + "-" + release.chartVersion(),
        release.appVersion(),
        hooks,
        instances,
        jobSummaries,
        stranded,
        StatusFindings.of(hooks, instances, jobSummaries, stranded),
        Optional.empty());
  }

  private static <T> Stream<ListedItem<T>> ofRelease(
      List<ListedItem<T>> items, HelmRelease release) {
    return inNamespace(items, release)
        .filter(item -> item.instance().filter(release.name()::equals).isPresent());
  }

  private static <T> Stream<ListedItem<T>> inNamespace(
      List<ListedItem<T>> items, HelmRelease release) {
    return items.stream().filter(item -> item.namespace().equals(release.namespace()));
  }

  /** Another chartreuse ConfigMap (no status key) is no record; a key that does not parse is. */
  private static StatusConfigMap.Parsed record(JsonNode configMap) {
    JsonNode json = configMap.path("data").path(StatusConfigMap.KEY);
    return json.isTextual()
        ? StatusConfigMap.parsed(json.textValue())
        : new StatusConfigMap.Parsed(Optional.empty(), Optional.empty());
  }

  private static ReleaseStatus.JobSummary summary(JsonNode job) {
    JsonNode status = job.path("status");
    String state = JobState.of(job);
    return new ReleaseStatus.JobSummary(
        ListItems.metadata(job, "name"),
        state,
        Optional.ofNullable(status.path("startTime").asText(null)),
        Optional.ofNullable(status.path("completionTime").asText(null)),
        Optional.empty());
  }
}
