package io.chartreuse.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;

/**
 * What a pod that has not started is waiting for, in a few words: not scheduled (and why), or a
 * container's waiting reason (ContainerCreating, ImagePullBackOff with the image). What a user
 * needs to see to stop waiting for a Job that cannot start.
 */
public final class PodState {
  private PodState() {}

  public static String describe(Optional<Pod> pod) {
    if (pod.isEmpty()) {
      return "no pod yet";
    }
    Pod p = pod.get();
    String name = "pod " + p.getMetadata().getName();
    if (p.getStatus() == null) {
      return name + ": Pending";
    }
    for (PodCondition condition : nonNull(p.getStatus().getConditions())) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
        return name
            + ": not scheduled"
            + Optional.ofNullable(condition.getMessage()).map(m -> " (" + m + ")").orElse("");
      }
    }
    for (ContainerStatus container : nonNull(p.getStatus().getContainerStatuses())) {
      if (container.getState() != null && container.getState().getWaiting() != null) {
        var waiting = container.getState().getWaiting();
        boolean image = waiting.getReason() != null && waiting.getReason().contains("Image");
        return name
            + ": "
            + Optional.ofNullable(waiting.getReason()).orElse("waiting")
            + (image ? " " + container.getImage() : "");
      }
    }
    return name + ": " + Optional.ofNullable(p.getStatus().getPhase()).orElse("Pending");
  }

  private static <T> List<T> nonNull(List<T> items) {
    return items == null ? List.of() : items;
  }
}
