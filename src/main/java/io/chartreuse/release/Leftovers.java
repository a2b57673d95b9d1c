package io.chartreuse.release;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.JobState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what chartreuse leaves behind — finished chartreuse Jobs and the "-ephemeral"
 * ServiceAccounts, Roles, RoleBindings, ConfigMaps and Secrets of hook Jobs — by chartreuse's own
 * labels only, and deletes it. A running Job (a migration in progress) and the plain set a release
 * manages are never touched.
 */
public final class Leftovers {
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String COMPONENT = "app.kubernetes.io/component";

  static final String STATUS_COMPONENT = "chartreuse-status";

  private final KubernetesClient client;
  private final ApiCalls api;
  private final ReleaseStore releases;

  /** {@code releases}: Helm's storage, to tell a release's status record from an orphan's. */
  public Leftovers(KubernetesClient client, ApiCalls api, ReleaseStore releases) {
    this.client = client;
    this.api = api;
    this.releases = releases;
  }

  /**
   * A leftover, or a Job that is kept because it still runs; {@code note} says why an object that
   * is not obviously a leftover is one.
   */
  public record Item(String namespace, String kind, String name, boolean running, String note) {
    Item(String namespace, String kind, String name, boolean running) {
      this(namespace, kind, name, running, "");
    }

    public String describe() {
      return kind
          + "/"
          + name
          + " in "
          + namespace
          + (running ? " (running: kept)" : note.isEmpty() ? "" : " (" + note + ")");
    }
  }

  /** {@code release} empty: every release; {@code namespace} empty: every namespace. */
  public List<Item> find(Optional<String> namespace, Optional<String> release) {
    List<Item> items = new ArrayList<>();
    for (Job job :
        list(
            "jobs",
            namespace,
            release,
            ns -> client.batch().v1().jobs().inNamespace(ns),
            () -> client.batch().v1().jobs().inAnyNamespace())) {
      boolean running = !JobState.finished(job);
      items.add(
          new Item(job.getMetadata().getNamespace(), "Job", job.getMetadata().getName(), running));
    }
    addEphemeral(
        items,
        "ServiceAccount",
        list(
            "serviceaccounts",
            namespace,
            release,
            ns -> client.serviceAccounts().inNamespace(ns),
            () -> client.serviceAccounts().inAnyNamespace()));
    addEphemeral(
        items,
        "RoleBinding",
        list(
            "rolebindings",
            namespace,
            release,
            ns -> client.rbac().roleBindings().inNamespace(ns),
            () -> client.rbac().roleBindings().inAnyNamespace()));
    addEphemeral(
        items,
        "Role",
        list(
            "roles",
            namespace,
            release,
            ns -> client.rbac().roles().inNamespace(ns),
            () -> client.rbac().roles().inAnyNamespace()));
    addEphemeral(
        items,
        "ConfigMap",
        list(
            "configmaps",
            namespace,
            release,
            ns -> client.configMaps().inNamespace(ns),
            () -> client.configMaps().inAnyNamespace()));
    addEphemeral(
        items,
        "Secret",
        list(
            "secrets",
            namespace,
            release,
            ns -> client.secrets().inNamespace(ns),
            () -> client.secrets().inAnyNamespace()));
    items.addAll(orphanedRecords(namespace, release));
    items.sort(
        Comparator.comparing(Item::namespace).thenComparing(Item::kind).thenComparing(Item::name));
    return items;
  }

  /**
   * Status records of releases Helm no longer has (uninstalled): the runner writes them, not the
   * chart, so {@code helm uninstall} leaves them. A release whose record cannot be decoded is still
   * installed: its record stays.
   */
  private List<Item> orphanedRecords(Optional<String> namespace, Optional<String> release) {
    List<ConfigMap> records =
        api.call(
            "list configmaps labelled " + COMPONENT + "=" + STATUS_COMPONENT,
            () -> {
              var operation =
                  (namespace.isPresent()
                          ? client.configMaps().inNamespace(namespace.get())
                          : client.configMaps().inAnyNamespace())
                      .withLabel(COMPONENT, STATUS_COMPONENT);
              return (release.isPresent()
                      ? operation.withLabel(INSTANCE, release.get())
                      : operation)
                  .list()
                  .getItems();
            });
    if (records.isEmpty()) {
      return List.of();
    }
    Set<String> installed = releases.startAll(namespace).get().installed();
    List<Item> orphans = new ArrayList<>();
    for (ConfigMap record : records) {
      String instance = labels(record).get(INSTANCE);
      String owner = record.getMetadata().getNamespace() + "/" + instance;
      if (instance != null && !installed.contains(owner)) {
        orphans.add(
            new Item(
                record.getMetadata().getNamespace(),
                "ConfigMap",
                record.getMetadata().getName(),
                false,
                "status record of release " + instance + ", which is not installed"));
      }
    }
    return orphans;
  }

  public void delete(Item item) {
    if (item.running()) {
      return;
    }
    api.callTolerating404(
        "delete " + item.kind() + " " + item.name(),
        () ->
            switch (item.kind()) {
              case "Job" ->
                  client
                      .batch()
                      .v1()
                      .jobs()
                      .inNamespace(item.namespace())
                      .withName(item.name())
                      .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                      .delete();
              case "ServiceAccount" ->
                  client
                      .serviceAccounts()
                      .inNamespace(item.namespace())
                      .withName(item.name())
                      .delete();
              case "RoleBinding" ->
                  client
                      .rbac()
                      .roleBindings()
                      .inNamespace(item.namespace())
                      .withName(item.name())
                      .delete();
              case "Role" ->
                  client
                      .rbac()
                      .roles()
                      .inNamespace(item.namespace())
                      .withName(item.name())
                      .delete();
              case "ConfigMap" ->
                  client.configMaps().inNamespace(item.namespace()).withName(item.name()).delete();
              case "Secret" ->
                  client.secrets().inNamespace(item.namespace()).withName(item.name()).delete();
              default -> throw new IllegalArgumentException(item.kind());
            });
  }

  private static void addEphemeral(
      List<Item> items, String kind, List<? extends HasMetadata> found) {
    for (HasMetadata resource : found) {
      String component = labels(resource).getOrDefault(COMPONENT, "");
      if (component.endsWith("-ephemeral")) {
        items.add(
            new Item(
                resource.getMetadata().getNamespace(),
                kind,
                resource.getMetadata().getName(),
                false));
      }
    }
  }

  private static Map<String, String> labels(HasMetadata resource) {
    return resource.getMetadata().getLabels() == null
        ? Map.of()
        : resource.getMetadata().getLabels();
  }

  private <
          T extends HasMetadata,
          L extends io.fabric8.kubernetes.api.model.KubernetesResourceList<T>>
      List<T> list(
          String what,
          Optional<String> namespace,
          Optional<String> release,
          java.util.function.Function<
                  String, io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<T, L, ?>>
              inNamespace,
          java.util.function.Supplier<
                  io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<T, L, ?>>
              everywhere) {
    return api.call(
        "list " + what + " labelled " + PART_OF + "=chartreuse",
        () -> {
          var operation =
              (namespace.isPresent() ? inNamespace.apply(namespace.get()) : everywhere.get())
                  .withLabel(PART_OF, "chartreuse");
          return (release.isPresent() ? operation.withLabel(INSTANCE, release.get()) : operation)
              .list()
              .getItems();
        });
  }
}
