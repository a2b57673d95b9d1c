package io.chartreuse.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A client and the namespace the runner works in (its pod's namespace, or the kubeconfig's/flag's).
 */
public record KubeTarget(KubernetesClient client, String namespace, boolean inPod)
    implements AutoCloseable {
  @Override
  public void close() {
    client.close();
  }
}
