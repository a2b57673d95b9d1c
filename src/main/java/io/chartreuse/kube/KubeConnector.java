package io.chartreuse.kube;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Connects to the API server: in a pod with its ServiceAccount token and namespace file (from
 * CHARTREUSE_SERVICEACCOUNT_DIR when set, so the runner can act as a pod outside one), otherwise
 * through the kubeconfig ({@code KUBECONFIG}, several paths merged) with optional context and
 * namespace.
 */
public final class KubeConnector {
  private KubeConnector() {}

  public static Optional<KubeTarget> connect(
      Env env, Optional<String> context, Optional<String> namespace) {
    return connect(env, Optional.empty(), context, namespace);
  }

  /** {@code kubeconfig}: an explicit file (--kubeconfig), else KUBECONFIG or ~/.kube/config. */
  public static Optional<KubeTarget> connect(
      Env env,
      Optional<java.nio.file.Path> kubeconfig,
      Optional<String> context,
      Optional<String> namespace) {
    if (kubeconfig.isEmpty() && ClusterDetection.inPod(env)) {
      return Optional.of(inPod(env, namespace));
    }
    kubeconfig.ifPresent(
        file -> {
          if (!Files.isRegularFile(file)) {
            throw ChartreuseException.usage("--kubeconfig " + file + " is not a readable file");
          }
          System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
        });
    if (kubeconfig.isPresent() || ClusterDetection.hasKubeconfig(env)) {
      context.ifPresent(KubeContexts::require);
      Config config = Config.autoConfigure(context.orElse(null));
      config.setRequestRetryBackoffLimit(0);
      namespace.ifPresent(config::setNamespace);
      String effective = Optional.ofNullable(config.getNamespace()).orElse("default");
      config.setNamespace(effective);
      return Optional.of(
          new KubeTarget(
              new KubernetesClientBuilder().withConfig(config).build(), effective, false));
    }
    return Optional.empty();
  }

  private static KubeTarget inPod(Env env, Optional<String> namespaceFlag) {
    Path dir = ClusterDetection.serviceAccountDir(env);
    String host = env.text("KUBERNETES_SERVICE_HOST").orElseThrow();
    String port = env.text("KUBERNETES_SERVICE_PORT").orElse("443");
    String namespace = namespaceFlag.orElseGet(() -> read(dir.resolve("namespace")).strip());
    ConfigBuilder config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
            .withOauthToken(read(dir.resolve("token")).strip())
            .withNamespace(namespace)
            // ApiCalls retries transient errors itself, boundedly; the client's own retries would
            // multiply them.
            .withRequestRetryBackoffLimit(0);
    Path ca = dir.resolve("ca.crt");
    if (Files.isRegularFile(ca)) {
      config.withCaCertFile(ca.toString());
    }
    return new KubeTarget(
        new KubernetesClientBuilder().withConfig(config.build()).build(), namespace, true);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw ChartreuseException.failed(
          "cannot read " + file + " (the pod's ServiceAccount): " + e.getMessage());
    }
  }
}
