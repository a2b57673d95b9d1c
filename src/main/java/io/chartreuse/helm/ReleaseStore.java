package io.chartreuse.helm;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.ApiCalls;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the latest revision of each Helm release directly from Helm's storage (HELM_DRIVER secret, the
 * default, or configmap): one list call per namespace, or one for all namespaces; no helm binary.
 */
public final class ReleaseStore {
  private static final String SELECTOR_LABEL = "owner";

  private final KubernetesClient client;
  private final ApiCalls api;
  private final String driver;

  public ReleaseStore(KubernetesClient client, ApiCalls api, Optional<String> helmDriver) {
    this.client = client;
    this.api = api;
    this.driver = helmDriver.filter(d -> !d.isBlank()).orElse("secret").toLowerCase(java.util.Locale.ROOT);
    if (!driver.equals("secret") && !driver.equals("secrets") && !driver.equals("configmap") && !driver.equals("configmaps")) {
      throw ChartreuseException.usage("HELM_DRIVER=" + driver + " is not supported: chartreuse reads the secret and configmap drivers");
    }
  }

  /** Latest revision of every release in {@code namespace} (empty: all namespaces), by namespace then name. */
  public List<HelmRelease> latest(Optional<String> namespace) {
    List<Stored> stored = driver.startsWith("secret") ? secrets(namespace) : configMaps(namespace);
    Map<String, Stored> latest = new LinkedHashMap<>();
    for (Stored item : stored) {
      latest.merge(item.namespace() + "/" + item.name(), item, (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    List<HelmRelease> releases = new ArrayList<>();
    latest.values().stream()
        .sorted(Comparator.comparing(Stored::namespace).thenComparing(Stored::name))
        .forEach(item -> releases.add(ReleaseDecoder.decode(item.payload())));
    return releases;
  }

  private List<Stored> secrets(Optional<String> namespace) {
    List<Secret> items = api.call("list secrets labelled owner=helm",
        () -> namespace.isPresent()
            ? client.secrets().inNamespace(namespace.get()).withLabel(SELECTOR_LABEL, "helm").list().getItems()
            : client.secrets().inAnyNamespace().withLabel(SELECTOR_LABEL, "helm").list().getItems());
    List<Stored> stored = new ArrayList<>();
    for (Secret secret : items) {
      String release = secret.getData() == null ? null : secret.getData().get("release");
      if (release != null && "helm.sh/release.v1".equals(secret.getType())) {
        String helmPayload = new String(Base64.getDecoder().decode(release), StandardCharsets.US_ASCII);
        stored.add(Stored.of(secret.getMetadata(), helmPayload));
      }
    }
    return stored;
  }

  private List<Stored> configMaps(Optional<String> namespace) {
    List<ConfigMap> items = api.call("list configmaps labelled owner=helm",
        () -> namespace.isPresent()
            ? client.configMaps().inNamespace(namespace.get()).withLabel(SELECTOR_LABEL, "helm").list().getItems()
            : client.configMaps().inAnyNamespace().withLabel(SELECTOR_LABEL, "helm").list().getItems());
    List<Stored> stored = new ArrayList<>();
    for (ConfigMap configMap : items) {
      String release = configMap.getData() == null ? null : configMap.getData().get("release");
      if (release != null) {
        stored.add(Stored.of(configMap.getMetadata(), release));
      }
    }
    return stored;
  }

  /** One stored revision, before decoding (decoding only the latest saves most of the work). */
  private record Stored(String namespace, String name, int revision, String payload) {
    static Stored of(io.fabric8.kubernetes.api.model.ObjectMeta metadata, String payload) {
      Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
      return new Stored(metadata.getNamespace(), labels.getOrDefault("name", ""),
          Integer.parseInt(labels.getOrDefault("version", "0")), payload);
    }
  }
}
