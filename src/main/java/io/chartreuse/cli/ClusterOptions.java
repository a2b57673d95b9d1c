package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.KubeConnector;
import io.chartreuse.kube.KubeTarget;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the cluster is, for every command that talks to one. In a pod the ServiceAccount wins
 * unless a kubeconfig is named. kubectl passes none of its own flags to a plugin, and Helm strips
 * its own and exports HELM_NAMESPACE / HELM_KUBECONTEXT instead, so both are read here.
 */
final class ClusterOptions {
  @Option(
      names = "--kubeconfig",
      description =
          "Kubeconfig file (default: KUBECONFIG, several paths merged, or ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      description = "Kubeconfig context (default: HELM_KUBECONTEXT, or the current one).")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      description = "Namespace (default: the pod's; else HELM_NAMESPACE or the context's).")
  String namespace;

  /** Connects as these options say; outside a cluster configuration this is a usage error. */
  KubeTarget connect(Env env) {
    return find(env)
        .orElseThrow(
            () -> ChartreuseException.usage("no kubeconfig: set KUBECONFIG or pass --kubeconfig"));
  }

  /** The cluster, if one is configured (a pod's ServiceAccount or a kubeconfig). */
  Optional<KubeTarget> find(Env env) {
    return KubeConnector.connect(env, kubeconfig(), context(env), namespace(env));
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
