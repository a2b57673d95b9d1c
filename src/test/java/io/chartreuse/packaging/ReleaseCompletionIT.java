package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kubectl completion of release names and namespaces, read from the real control plane by
 * bin/kubectl_complete-chartreuse.
 */
@KubeTest(kubelet = false)
class ReleaseCompletionIT {

  @Test
  void completesReleaseNamesOfTheGivenNamespaceAndNamespacesAfterDashN(
      TestCluster cluster, TestNamespace namespace) {
    // What Helm stores: one Secret per revision, labelled owner=helm, name=<release>.
    helmRevision(namespace, "shop", 1);
    helmRevision(namespace, "shop", 2);
    helmRevision(namespace, "stock", 1);
    Map<String, String> env = Map.of("KUBECONFIG", cluster.kubeconfig().toString());

    ShellCompletionIT.Completion releases =
        ShellCompletionIT.kubectlComplete(env, "status", "-n", namespace.name(), "");
    assertEquals(List.of("shop", "stock"), releases.candidates(), releases.raw());
    assertEquals(4, releases.directive(), releases.raw());

    ShellCompletionIT.Completion prefixed =
        ShellCompletionIT.kubectlComplete(env, "launch", "--namespace", namespace.name(), "sh");
    assertEquals(List.of("shop"), prefixed.candidates(), prefixed.raw());

    ShellCompletionIT.Completion namespaces =
        ShellCompletionIT.kubectlComplete(env, "status", "-n", "");
    assertTrue(namespaces.candidates().contains(namespace.name()), namespaces.raw());
    assertTrue(namespaces.candidates().contains("kube-system"), namespaces.raw());
  }

  private static void helmRevision(TestNamespace namespace, String release, int revision) {
    namespace
        .admin()
        .secrets()
        .inNamespace(namespace.name())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1." + release + ".v" + revision)
                .withLabels(
                    Map.of(
                        "owner",
                        "helm",
                        "name",
                        release,
                        "version",
                        String.valueOf(revision),
                        "status",
                        "deployed"))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .withStringData(Map.of("release", "not read by completion"))
                .build())
        .create();
  }
}
