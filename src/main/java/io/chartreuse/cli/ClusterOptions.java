package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.KubeConnector;
import io.chartreuse.kube.KubeTarget;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The plugin's cluster flags. kubectl passes none of its own flags to a plugin, and Helm strips its own and
 * exports HELM_NAMESPACE / HELM_KUBECONTEXT instead, so both are read here.
 */
final class ClusterOptions {
  @Option(names = "--kubeconfig", description = "Kubeconfig file (default: KUBECONFIG, several paths merged, or ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", description = "Kubeconfig context (default: HELM_KUBECONTEXT, or the current one).")
  String context;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: HELM_NAMESPACE, or the context's).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace.")
  boolean allNamespaces;

  /** Connects as these options say; outside a cluster configuration this is a usage error. */
  KubeTarget connect(Env env) {
    return KubeConnector.connect(env, kubeconfig(), context(env), namespace(env))
        .orElseThrow(() -> ChartreuseException.usage("no kubeconfig: set KUBECONFIG or pass --kubeconfig"));
  }

  Optional<Path> kubeconfig() {
    return Optional.ofNullable(kubeconfig);
  }

  Optional<String> context(Env env) {
    return Optional.ofNullable(context).or(() -> env.text("HELM_KUBECONTEXT"));
  }

  Optional<String> namespace(Env env) {
    return Optional.ofNullable(namespace).or(() -> env.text("HELM_NAMESPACE"));
  }
}
