package io.chartreuse.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where to find the cluster when not in a pod: the kubeconfig's context and a namespace. */
final class KubeOptions {
  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: the pod's, or the kubeconfig context's).")
  String namespace;

  @Option(names = "--context", description = "Kubeconfig context (default: the current one).")
  String context;

  Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  Optional<String> context() {
    return Optional.ofNullable(context);
  }
}
