package io.chartreuse.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.report.JsonReport;
import io.chartreuse.status.StatusDocument;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the status record ConfigMap. Needs only {@code get}/{@code patch} on that one
 * name and {@code create} on configmaps; the first write happens before anything is touched, so a
 * missing permission fails the run while nothing has changed.
 */
public final class StatusConfigMap {
  public static final String KEY = "status.json";
  private static final ObjectMapper READER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final KubeTarget target;
  private final ApiCalls api;
  private final String name;
  private final String release;

  public StatusConfigMap(KubeTarget target, ApiCalls api, String name, String release) {
    this.target = target;
    this.api = api;
    this.name = name;
    this.release = release;
  }

  public String name() {
    return name;
  }

  public String release() {
    return release;
  }

  /** The databases of the previous record, kept while a run is in progress. */
  public List<StatusDocument.DatabaseEntry> previousDatabases() {
    return read().map(StatusDocument::databases).orElse(List.of());
  }

  public Optional<StatusDocument> read() {
    Optional<ConfigMap> existing =
        api.callTolerating404(
            "get configmaps " + name,
            () ->
                target.client().configMaps().inNamespace(target.namespace()).withName(name).get());
    return existing
        .map(ConfigMap::getData)
        .map(data -> data.get(KEY))
        .flatMap(StatusConfigMap::parse);
  }

  /** A record that does not parse is treated as absent (written by another version, or by hand). */
  public static Optional<StatusDocument> parse(String json) {
    return parsed(json).document();
  }

  /** A record as read by the tools that show it: the document, or what is wrong with it. */
  public record Parsed(Optional<StatusDocument> document, Optional<String> problem) {}

  public static Parsed parsed(String json) {
    try {
      StatusDocument document = READER.readValue(json, StatusDocument.class);
      if (document == null || document.lastRun() == null || document.databases() == null) {
        return new Parsed(
            Optional.empty(), Optional.of("the status record lacks last_run or databases"));
      }
      return new Parsed(Optional.of(document), Optional.empty());
    } catch (JsonProcessingException e) {
      return new Parsed(
          Optional.empty(),
          Optional.of(
              "the status record is not valid JSON of its schema ("
                  + e.getOriginalMessage().lines().findFirst().orElse("")
                  + ")"));
    }
  }

  public void write(StatusDocument document) {
    String json = new JsonReport().render(document);
    Optional<ConfigMap> existing =
        api.callTolerating404(
            "get configmaps " + name,
            () ->
                target.client().configMaps().inNamespace(target.namespace()).withName(name).get());
    if (existing.isEmpty()) {
      ConfigMap configMap =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(target.namespace())
              .addToLabels("app.kubernetes.io/managed-by", "chartreuse")
              .addToLabels("app.kubernetes.io/instance", release)
              .addToLabels("app.kubernetes.io/component", "chartreuse-status")
              .endMetadata()
              .withData(Map.of(KEY, json))
              .build();
      api.call(
          "create configmaps " + name,
          () ->
              target
                  .client()
                  .configMaps()
                  .inNamespace(target.namespace())
                  .resource(configMap)
                  .create());
      return;
    }
    String patch = new JsonReport().render(Map.of("data", Map.of(KEY, json)));
    api.call(
        "patch configmaps " + name,
        () ->
            target
                .client()
                .configMaps()
                .inNamespace(target.namespace())
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }
}
