package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.ShopRelease;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's Events on its own pod carry the pod's uid (the chart passes it by the downward API),
 * so {@code kubectl describe pod} lists them, not only {@code kubectl get events}.
 */
@KubeTest(kubelet = false)
class RunnerPodEventsIT {
  @TempDir Path temp;

  @Test
  void kubectlDescribePodListsTheRunnersEvents(TestCluster cluster) {
    String namespace = cluster.createNamespace("pod-events");
    try (ShopRelease shop =
        new ShopRelease(cluster, namespace, TestPostgres.get().createDatabase("podevents"), temp)) {
      shop.helm("install").assertOk();
      List<Pod> pods =
          cluster
              .admin()
              .pods()
              .inNamespace(namespace)
              .withLabel("job-name", "shop-chartreuse-ephemeral")
              .list()
              .getItems();
      assertEquals(1, pods.size(), pods.toString());
      Pod pod = pods.get(0);
      List<Event> events =
          cluster.admin().v1().events().inNamespace(namespace).list().getItems().stream()
              .filter(e -> "chartreuse".equals(e.getSource().getComponent()))
              .filter(e -> "Pod".equals(e.getInvolvedObject().getKind()))
              .toList();
      assertFalse(events.isEmpty(), "no runner Event on its pod");
      for (Event event : events) {
        assertEquals(
            pod.getMetadata().getUid(), event.getInvolvedObject().getUid(), event.toString());
      }
      String described =
          cluster
              .kubectl(
                  Duration.ofMinutes(1),
                  "describe",
                  "pod",
                  "-n",
                  namespace,
                  pod.getMetadata().getName())
              .assertOk()
              .output();
      String reason = events.get(0).getReason();
      assertTrue(
          described.contains(reason) && described.contains("chartreuse"),
          reason + " not in:\n" + described);
    }
  }
}
