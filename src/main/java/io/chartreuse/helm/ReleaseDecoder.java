package io.chartreuse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Decodes Helm 3's stored release: {@code data.release} is base64 of gzip of the release JSON (and, in a
 * Secret, the API adds one more base64). Releases written before compression are plain JSON.
 */
public final class ReleaseDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReleaseDecoder() {}

  /** {@code helmPayload}: the value Helm wrote (already decoded once for a Secret). */
  public static HelmRelease decode(String helmPayload) {
    byte[] bytes = Base64.getDecoder().decode(helmPayload.strip());
    try {
      if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          bytes = in.readAllBytes();
        }
      }
      return toRelease(JSON.readTree(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("not a Helm release payload", e);
    }
  }

  private static HelmRelease toRelease(JsonNode release) {
    List<HelmRelease.Hook> hooks = new ArrayList<>();
    for (JsonNode hook : release.path("hooks")) {
      List<String> events = new ArrayList<>();
      hook.path("events").forEach(event -> events.add(event.asText()));
      JsonNode lastRun = hook.path("last_run");
      Optional<HelmRelease.LastRun> run = lastRun.isMissingNode() || lastRun.path("phase").asText("").isEmpty()
          ? Optional.empty()
          : Optional.of(new HelmRelease.LastRun(time(lastRun.path("started_at")), time(lastRun.path("completed_at")),
              lastRun.path("phase").asText()));
      hooks.add(new HelmRelease.Hook(hook.path("name").asText(), hook.path("kind").asText(), events,
          hook.path("weight").asInt(), hook.path("manifest").asText(), run));
    }
    JsonNode metadata = release.path("chart").path("metadata");
    return new HelmRelease(
        release.path("name").asText(),
        release.path("namespace").asText(),
        release.path("version").asInt(),
        release.path("info").path("status").asText(),
        metadata.path("name").asText(),
        metadata.path("version").asText(),
        Optional.ofNullable(metadata.path("appVersion").asText(null)),
        release.path("manifest").asText(""),
        hooks);
  }

  /** Helm writes a zero time for "never"; that is absent. */
  private static Optional<String> time(JsonNode value) {
    String text = value.asText("");
    return text.isEmpty() || text.startsWith("0001-01-01") ? Optional.empty() : Optional.of(text);
  }
}
