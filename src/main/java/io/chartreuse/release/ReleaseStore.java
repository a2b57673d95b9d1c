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
   * Latest revision of every release in {@code namespace} (empty: all namespaces), by namespace
   * then name.
   */
  public List<HelmRelease> latest(Optional<String> namespace) {
    return startLatest(namespace).get();
  }

  /**
   * The latest revision of one release of a namespace; none is a failure that lists the releases
   * there.
   */
  public HelmRelease find(String namespace, String name) {
    List<HelmRelease> releases = latest(Optional.of(namespace));
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
   * The same as {@link #latest}, started now and decoded on the request's own thread, so that other
   * requests can overlap.
   */
  public Pending<List<HelmRelease>> startLatest(Optional<String> namespace) {
    String resource = secrets ? "secrets" : "configmaps";
    return lister
        .start(
            "list " + resource + " labelled owner=helm",
            ListRequest.core(resource, namespace, SELECTOR),
            this::stored)
        .then(ReleaseStore::decodeLatest);
  }

  private List<StoredRevision> stored(InputStream body) throws IOException {
    List<StoredRevision> stored = new ArrayList<>();
    ListItems.forEachParsed(
        body, item -> StoredRevision.read(item, secrets).ifPresent(stored::add));
    return stored;
  }

  /** Decoding only the latest revision of each release saves most of the work. */
  private static List<HelmRelease> decodeLatest(List<StoredRevision> stored) {
    Map<String, StoredRevision> latest = new LinkedHashMap<>();
    for (StoredRevision item : stored) {
      latest.merge(
          item.namespace() + "/" + item.name(),
          item,
          (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    // In parallel: on a CLI's cold JVM, decoding is most of the CPU time after the list arrives.
    return latest.values().stream()
        .sorted(Comparator.comparing(StoredRevision::namespace).thenComparing(StoredRevision::name))
        .toList()
        .parallelStream()
        .map(item -> ReleaseDecoder.decode(item.payload()))
        .toList();
  }
}
