package io.chartreuse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a pod that has not started is waiting for, in a few words: not scheduled (and why), or a
 * container's waiting reason (ContainerCreating, ImagePullBackOff with the image,
 * CreateContainerConfigError with its message). What a user needs to see to stop waiting for a Job
 * that cannot start. Works on the pod as JSON, so that raw lists ({@code status}) and Fabric8's
 * objects ({@code launch}, {@code upgrade}) say the same.
 */
public final class PodState {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Waiting reasons that do not resolve by waiting: a missing Secret or ConfigMap, an image that
   * cannot be pulled or named, a container the runtime refuses.
   */
  private static final Set<String> CANNOT_START =
      Set.of(
          "CreateContainerConfigError",
          "CreateContainerError",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "ErrImageNeverPull");

  private PodState() {}

  public static String describe(Optional<Pod> pod) {
    return pod.map(p -> describe((JsonNode) JSON.valueToTree(p))).orElse("no pod yet");
  }

  /** {@code pod}: a pod as the API serves it. */
  public static String describe(JsonNode pod) {
    String name = "pod " + pod.path("metadata").path("name").asText();
    JsonNode status = pod.path("status");
    for (JsonNode condition : status.path("conditions")) {
      if ("PodScheduled".equals(condition.path("type").asText())
          && "False".equals(condition.path("status").asText())) {
        return name
            + ": not scheduled"
            + text(condition, "message").map(m -> " (" + m + ")").orElse("");
      }
    }
    for (JsonNode container : allContainers(status)) {
      JsonNode waiting = container.path("state").path("waiting");
      if (waiting.isObject()) {
        String reason = text(waiting, "reason").orElse("waiting");
        boolean image = reason.contains("Image");
        return name
            + ": "
            + reason
            + (image
                ? " " + container.path("image").asText()
                : text(waiting, "message").map(m -> ": " + m).orElse(""));
      }
    }
    return name + ": " + text(status, "phase").orElse("Pending");
  }

  /** Why the pod can never start without a change, when that is so. */
  public static Optional<String> cannotStart(Pod pod) {
    return cannotStart((JsonNode) JSON.valueToTree(pod));
  }

  public static Optional<String> cannotStart(JsonNode pod) {
    for (JsonNode container : allContainers(pod.path("status"))) {
      if (CANNOT_START.contains(container.path("state").path("waiting").path("reason").asText())) {
        return Optional.of(describe(pod));
      }
    }
    return Optional.empty();
  }

  /** Init containers first: a Job whose init container cannot start never reaches the runner. */
  private static Iterable<JsonNode> allContainers(JsonNode status) {
    List<JsonNode> all = new ArrayList<>();
    status.path("initContainerStatuses").forEach(all::add);
    status.path("containerStatuses").forEach(all::add);
    return all;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty()
        ? Optional.of(value.asText())
        : Optional.empty();
  }
}
