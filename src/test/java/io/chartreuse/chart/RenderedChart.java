package io.chartreuse.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chart rendered by the real {@code helm template} (hooks included), as a list of manifests.
 */
final class RenderedChart {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final List<JsonNode> manifests;

  private RenderedChart(List<JsonNode> manifests) {
    this.manifests = manifests;
  }

  /** Renders chart/ as release "r"; {@code args} are more helm flags (--set, -f, --is-upgrade). */
  static RenderedChart render(TestCluster cluster, String... args) {
    ProcessResult result = template(cluster, args);
    result.assertOk();
    List<JsonNode> manifests = new ArrayList<>();
    try (var parser = YAML.createParser(result.output())) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node != null && node.has("kind")) {
          manifests.add(node);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("helm template printed invalid YAML:\n" + result.output(), e);
    }
    return new RenderedChart(manifests);
  }

  static ProcessResult template(TestCluster cluster, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "template", "r", TestCluster.basedir().resolve("chart").toString(), "-n", "shop"));
    command.addAll(List.of(args));
    return cluster.helm(Duration.ofSeconds(60), command.toArray(String[]::new));
  }

  List<JsonNode> all() {
    return manifests;
  }

  /** "Kind/name" of every manifest, in order. */
  List<String> names() {
    return manifests.stream()
        .map(m -> m.get("kind").asText() + "/" + m.at("/metadata/name").asText())
        .toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return manifests.stream()
        .filter(
            m ->
                m.get("kind").asText().equals(kind) && m.at("/metadata/name").asText().equals(name))
        .findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + names()));
  }

  static String annotation(JsonNode manifest, String key) {
    JsonNode value = manifest.at("/metadata/annotations").get(key);
    return value == null ? null : value.asText();
  }
}
