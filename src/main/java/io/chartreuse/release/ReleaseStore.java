package io.chartreuse.release;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.ListItems;
import io.chartreuse.kube.ListRequest;
import io.chartreuse.kube.Pending;
import io.chartreuse.kube.RawLister;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the latest revision of each Helm release directly from Helm's storage (HELM_DRIVER secret,
 * the default, or configmap): one list call per namespace, or one for all namespaces; no helm
 * binary. Helm labels every replaced revision {@code status=superseded} and never the latest one,
 * so those are not fetched: with Helm's default history of 10 revisions that is up to 10 times
 * fewer bytes.
 */
public final class ReleaseStore {
  private static final String SELECTOR = "owner=helm,status!=superseded";

  private final RawLister lister;
  private final boolean secrets;

  public ReleaseStore(KubernetesClient client, ApiCalls api, Optional<String> helmDriver) {
    this.lister = new RawLister(client, api);
    String driver = helmDriver.filter(d -> !d.isBlank()).orElse("secret").toLowerCase(Locale.ROOT);
    if (!driver.equals("secret")
        && !driver.equals("secrets")
        && !driver.equals("configmap")
        && !driver.equals("configmaps")) {
      throw ChartreuseException.usage(
          "HELM_DRIVER="
              + driver
              + " is not supported: chartreuse reads the secret and configmap drivers");
    }
    this.secrets = driver.startsWith("secret");
  }

  /**
   * Latest revision of every release in {@code namespace} (empty: all namespaces) that can be read,
   * by namespace then name.
   */
  public List<HelmRelease> latest(Optional<String> namespace) {
    return startAll(namespace).get().readable();
  }

  /**
   * The latest revision of one release of a namespace; none, or one that cannot be read, is a
   * failure that says so.
   */
  public HelmRelease find(String namespace, String name) {
    StoredReleases stored = startAll(Optional.of(namespace)).get();
    for (UnreadableRelease unreadable : stored.unreadable()) {
      if (unreadable.name().equals(name)) {
        throw ChartreuseException.failed(
            "release "
                + name
                + " in namespace "
                + namespace
                + " cannot be read: "
                + unreadable.problem());
      }
    }
    List<HelmRelease> releases = stored.readable();
    return releases.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                ChartreuseException.failed(
                    "no release "
                        + name
                        + " in namespace "
                        + namespace
                        + "; releases here: "
                        + (releases.isEmpty()
                            ? "none"
                            : String.join(
                                ", ", releases.stream().map(HelmRelease::name).toList()))));
  }

  /**
   * The latest revision of every release, readable or not, started now and decoded on the request's
   * own thread, so that other requests can overlap.
   */
  public Pending<StoredReleases> startAll(Optional<String> namespace) {
    return start(namespace, Optional.empty());
  }

  /**
   * As {@link #startAll}, for one release only when {@code release} names one: Helm labels each
   * stored revision with its release's name, so the API server sends only that release's.
   */
  public Pending<StoredReleases> start(Optional<String> namespace, Optional<String> release) {
    String resource = secrets ? "secrets" : "configmaps";
    return lister
        .start(
            "list " + resource + " labelled owner=helm",
            ListRequest.core(
                resource, namespace, SELECTOR + release.map(r -> ",name=" + r).orElse("")),
            this::stored)
        .then(this::decodeLatest);
  }

  private List<StoredRevision> stored(InputStream body) throws IOException {
    List<StoredRevision> stored = new ArrayList<>();
    ListItems.forEachParsed(
        body, item -> StoredRevision.read(item, secrets).ifPresent(stored::add));
    return stored;
  }

  /**
   * Decoding only the latest revision of each release saves most of the work; one that cannot be
   * decoded is set apart, never a reason to fail the others.
   */
  private StoredReleases decodeLatest(List<StoredRevision> stored) {
    Map<String, StoredRevision> latest = new LinkedHashMap<>();
    for (StoredRevision item : stored) {
      latest.merge(
          item.namespace() + "/" + item.name(),
          item,
          (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    // In parallel: on a CLI's cold JVM, decoding is most of the CPU time after the list arrives.
    List<Decoded> decoded =
        latest.values().stream()
            .sorted(
                Comparator.comparing(StoredRevision::namespace).thenComparing(StoredRevision::name))
            .toList()
            .parallelStream()
            .map(this::decode)
            .toList();
    return new StoredReleases(
        decoded.stream().flatMap(d -> d.release().stream()).toList(),
        decoded.stream().flatMap(d -> d.unreadable().stream()).toList());
  }

  /** One stored revision decoded: a release, or what makes it unreadable. */
  private record Decoded(Optional<HelmRelease> release, Optional<UnreadableRelease> unreadable) {}

  private Decoded decode(StoredRevision item) {
    if (item.revision() < 0) {
      return unreadable(item, "its version label is not a revision number");
    }
    try {
      return new Decoded(Optional.of(ReleaseDecoder.decode(item.payload())), Optional.empty());
    } catch (ReleaseDecoder.Unreadable e) {
      return unreadable(item, e.getMessage());
    }
  }

  private Decoded unreadable(StoredRevision item, String problem) {
    return new Decoded(
        Optional.empty(),
        Optional.of(
            new UnreadableRelease(
                item.namespace(),
                item.name(),
                item.revision(),
                item.describe(secrets) + " is not a readable Helm release: " + problem)));
  }
}
