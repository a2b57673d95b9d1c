package io.chartreuse.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodStateTest {
  @Test
  void saysWhatAPodThatHasNotStartedIsWaitingFor() {
    assertEquals("no pod yet", PodState.describe(Optional.empty()));
    assertEquals(
        "pod m-1: not scheduled (0/3 nodes are available: 3 Insufficient memory.)",
        PodState.describe(
            Optional.of(
                pod()
                    .withNewStatus()
                    .withPhase("Pending")
                    .addNewCondition()
                    .withType("PodScheduled")
                    .withStatus("False")
                    .withMessage("0/3 nodes are available: 3 Insufficient memory.")
                    .endCondition()
                    .endStatus()
                    .build())));
    assertEquals(
        "pod m-1: ImagePullBackOff registry.example/shop-migrations:1.4.0",
        PodState.describe(
            Optional.of(
                pod()
                    .withNewStatus()
                    .withPhase("Pending")
                    .addNewContainerStatus()
                    .withName("migrate")
                    .withImage("registry.example/shop-migrations:1.4.0")
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ImagePullBackOff")
                    .endWaiting()
                    .endState()
                    .endContainerStatus()
                    .endStatus()
                    .build())));
    assertEquals(
        "pod m-1: ContainerCreating",
        PodState.describe(
            Optional.of(
                pod()
                    .withNewStatus()
                    .withPhase("Pending")
                    .addNewContainerStatus()
                    .withName("migrate")
                    .withImage("x")
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ContainerCreating")
                    .endWaiting()
                    .endState()
                    .endContainerStatus()
                    .endStatus()
                    .build())));
    assertEquals("pod m-1: Pending", PodState.describe(Optional.of(pod().build())));
    assertEquals(Optional.empty(), PodState.cannotStart(pod().build()));
  }

  @Test
  void aMissingSecretIsAPodThatCannotStartAndSaysWhich() {
    var pod =
        pod()
            .withNewStatus()
            .withPhase("Pending")
            .addNewContainerStatus()
            .withName("chartreuse")
            .withImage("chartreuse:1")
            .withNewState()
            .withNewWaiting()
            .withReason("CreateContainerConfigError")
            .withMessage("secret \"shop-db\" not found")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    assertEquals(
        "pod m-1: CreateContainerConfigError: secret \"shop-db\" not found",
        PodState.describe(Optional.of(pod)));
    assertEquals(
        Optional.of("pod m-1: CreateContainerConfigError: secret \"shop-db\" not found"),
        PodState.cannotStart(pod));
  }

  private static PodBuilder pod() {
    return new PodBuilder().withNewMetadata().withName("m-1").endMetadata();
  }
}
