package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.chartreuse.testing.Await;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controllers and the fake kubelet together: a Deployment's pods come up, and go away when
 * scaled to 0.
 */
@KubeTest
class DeploymentScaleIT {

  @Test
  void scaledToZeroLosesItsPodsThroughTheControllers(TestNamespace ns) {
    var admin = ns.admin();
    String n = ns.name();
    admin
        .apps()
        .deployments()
        .inNamespace(n)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("registry.example.com/web:1.0")
                .endContainer()
                .withTerminationGracePeriodSeconds(30L)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    Await.until(
        Duration.ofSeconds(90),
        "2 ready replicas of Deployment web",
        () -> {
          Deployment d = admin.apps().deployments().inNamespace(n).withName("web").get();
          return d.getStatus() != null
              && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas());
        });
    List<Pod> pods = admin.pods().inNamespace(n).withLabel("app", "web").list().getItems();
    assertEquals(2, pods.size());
    for (Pod p : pods) {
      assertEquals(TestCluster.NODE_NAME, p.getSpec().getNodeName());
      assertEquals("Running", p.getStatus().getPhase());
      assertNotNull(p.getMetadata().getOwnerReferences().get(0).getName(), "owned by a ReplicaSet");
    }

    admin.apps().deployments().inNamespace(n).withName("web").scale(0);

    Await.until(
        Duration.ofSeconds(90),
        "the pods of Deployment web are gone",
        () -> admin.pods().inNamespace(n).withLabel("app", "web").list().getItems().isEmpty());
    Await.until(
        Duration.ofSeconds(30),
        "ReplicaSet status reports 0 replicas",
        () ->
            Integer.valueOf(0)
                .equals(
                    admin
                        .apps()
                        .replicaSets()
                        .inNamespace(n)
                        .list()
                        .getItems()
                        .get(0)
                        .getStatus()
                        .getReplicas()));
  }
}
