package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/**
 * The API server enforces RBAC: a ServiceAccount's client may do what its Role grants and nothing
 * more.
 */
@KubeTest(kubelet = false)
class RbacIT {

  @Test
  void deniesWhatTheRoleDoesNotGrant(TestNamespace ns) {
    var admin = ns.admin();
    String n = ns.name();
    admin
        .serviceAccounts()
        .inNamespace(n)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("reader").endMetadata().build())
        .create();
    admin
        .rbac()
        .roles()
        .inNamespace(n)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("configmap-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("get", "list")
                .endRule()
                .build())
        .create();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(n)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("reader")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("configmap-reader")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("reader")
                .withNamespace(n)
                .endSubject()
                .build())
        .create();
    admin
        .configMaps()
        .inNamespace(n)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("a", "1")
                .build())
        .create();

    KubernetesClient reader = ns.clientAs("reader");

    // granted
    assertEquals(
        "1", reader.configMaps().inNamespace(n).withName("settings").get().getData().get("a"));
    assertEquals(1, reader.configMaps().inNamespace(n).list().getItems().size());
    // not granted: another verb, another resource, another namespace
    assertForbidden(
        () ->
            reader
                .configMaps()
                .inNamespace(n)
                .withName("settings")
                .edit(
                    cm -> {
                      cm.getData().put("a", "2");
                      return cm;
                    }));
    assertForbidden(() -> reader.secrets().inNamespace(n).list());
    assertForbidden(() -> reader.pods().inNamespace(n).list());
    assertForbidden(() -> reader.configMaps().inNamespace("default").list());
    assertForbidden(() -> reader.namespaces().list());
    assertEquals(
        "1", admin.configMaps().inNamespace(n).withName("settings").get().getData().get("a"));
  }

  private static void assertForbidden(Runnable call) {
    KubernetesClientException e = assertThrows(KubernetesClientException.class, call::run);
    assertEquals(403, e.getCode(), e.getMessage());
  }
}
