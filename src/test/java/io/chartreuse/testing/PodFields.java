package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The downward API: a pod's fields as {@code fieldRef}s of environment variables and volumes see
 * them.
 */
final class PodFields {
  private static final Pattern LABEL_OR_ANNOTATION =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

  private PodFields() {}

  /** The value of {@code ref} for {@code pod} on the fake Node ("" for a field not emulated). */
  static String value(Pod pod, ObjectFieldSelector ref) {
    String path = ref.getFieldPath();
    Matcher m = LABEL_OR_ANNOTATION.matcher(path);
    if (m.matches()) {
      Map<String, String> map =
          "labels".equals(m.group(1))
              ? pod.getMetadata().getLabels()
              : pod.getMetadata().getAnnotations();
      return map == null ? "" : map.getOrDefault(m.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.namespace" -> pod.getMetadata().getNamespace();
      case "metadata.uid" -> pod.getMetadata().getUid();
      case "metadata.labels" -> formatMap(pod.getMetadata().getLabels());
      case "metadata.annotations" -> formatMap(pod.getMetadata().getAnnotations());
      case "spec.nodeName" -> TestCluster.NODE_NAME;
      case "spec.serviceAccountName" -> serviceAccountName(pod);
      case "status.hostIP", "status.podIP", "status.podIPs" -> "127.0.0.1";
      default -> "";
    };
  }

  static String serviceAccountName(Pod pod) {
    String sa = pod.getSpec().getServiceAccountName();
    return sa == null || sa.isEmpty() ? "default" : sa;
  }

  /** A map as the downward API writes it: {@code key="value"} lines. */
  private static String formatMap(Map<String, String> map) {
    StringBuilder sb = new StringBuilder();
    if (map != null) {
      map.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\"\n"));
    }
    return sb.toString();
  }
}
