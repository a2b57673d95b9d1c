package io.chartreuse.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own request counters ({@code apiserver_request_total} and the server-side {@code
 * apiserver_request_duration_seconds}), read from {@code /metrics} before and after a run, so that
 * the requests the runner made can be counted without touching the runner. Only requests that no
 * one but the runner makes in the benchmark's cluster are kept: the controllers and the fake
 * kubelet use other verbs or resources, and the benchmark's own informers only WATCH during a run.
 */
final class ApiRequestCounts {
  private static final Pattern SAMPLE =
      Pattern.compile(
          "^(apiserver_request_total|apiserver_request_duration_seconds_sum|apiserver_request_duration_seconds_count)\\{([^}]*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Counts and server-side seconds per request kind, e.g. {@code "PUT deployments.apps/scale"}. */
  record Snapshot(Map<String, Double> count, Map<String, Double> seconds) {
    Snapshot minus(Snapshot before) {
      return new Snapshot(delta(count, before.count), delta(seconds, before.seconds));
    }

    double total() {
      return count.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double serverSeconds() {
      return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> delta(
        Map<String, Double> after, Map<String, Double> before) {
      Map<String, Double> d = new TreeMap<>();
      after.forEach(
          (k, v) -> {
            double x = v - before.getOrDefault(k, 0.0);
            if (x > 0.0000001) {
              d.put(k, x);
            }
          });
      return d;
    }
  }

  private final KubernetesClient admin;
  private final String url;

  ApiRequestCounts(KubernetesClient admin, String apiServer) {
    this.admin = admin;
    this.url = apiServer.replaceAll("/+$", "") + "/metrics";
  }

  Snapshot read() {
    String text = admin.raw(url);
    Map<String, Double> count = new TreeMap<>();
    Map<String, Double> seconds = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("apiserver_request_")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String key = runnerRequest(labels);
      if (key == null) {
        continue;
      }
      double value = Double.parseDouble(m.group(3));
      switch (m.group(1)) {
        case "apiserver_request_total" -> count.merge(key, value, Double::sum);
        case "apiserver_request_duration_seconds_sum" -> seconds.merge(key, value, Double::sum);
        default -> {} // the _count duplicates apiserver_request_total
      }
    }
    return new Snapshot(count, seconds);
  }

  /** The request kind if only the runner makes it in the benchmark's cluster, else null. */
  static String runnerRequest(Map<String, String> labels) {
    String verb = labels.getOrDefault("verb", "");
    String group = labels.getOrDefault("group", "");
    String resource = labels.getOrDefault("resource", "");
    String subresource = labels.getOrDefault("subresource", "");
    if (verb.equals("DELETE") || verb.equals("WATCH")) {
      return null; // the runner deletes nothing; namespace deletion and informers are not the
      // runner's
    }
    boolean runner =
        switch (resource) {
          case "deployments" ->
              subresource.isEmpty()
                  ? verb.equals("GET") || verb.equals("PATCH")
                  : subresource.equals("scale");
          case "pods" -> verb.equals("LIST");
          case "horizontalpodautoscalers", "expecteddeploymentscales", "selfsubjectaccessreviews" ->
              !verb.equals("WATCH");
          case "configmaps" ->
              subresource.isEmpty() && !verb.equals("WATCH") && !verb.equals("LIST");
          default -> false;
        };
    if (!runner) {
      return null;
    }
    String code = labels.getOrDefault("code", "");
    String version =
        resource.equals("horizontalpodautoscalers") ? " " + labels.getOrDefault("version", "") : "";
    return verb
        + " "
        + resource
        + (group.isEmpty() ? "" : "." + group)
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + version
        + (code.isEmpty() || code.startsWith("2") ? "" : " (" + code + ")");
  }
}
