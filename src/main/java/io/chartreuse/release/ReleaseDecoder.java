package io.chartreuse.release;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Decodes Helm 3's stored release: {@code data.release} is base64 of gzip of the release JSON (and,
 * in a Secret, the API adds one more base64). Releases written before compression are plain JSON.
 * The JSON is parsed as it is gunzipped, keeping only the fields chartreuse reads: the chart's
 * templates, files and values, which grow with the chart, are never built.
 */
public final class ReleaseDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeptFields KEPT =
      new KeptFields(
          Set.of("name", "namespace", "version", "manifest", "hooks"),
          Map.of("info", KeptFields.only("status"), "chart", KeptFields.only("metadata")));

  private ReleaseDecoder() {}

  /** {@code helmPayload}: the value Helm wrote (already decoded once for a Secret). */
  public static HelmRelease decode(String helmPayload) {
    return decode(helmPayload.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The same, as bytes (base64 text; line breaks and blanks, as in a hand-edited ConfigMap, are
   * ignored).
   */
  public static HelmRelease decode(byte[] helmPayload) {
    byte[] bytes;
    try {
      bytes = base64(helmPayload);
    } catch (IllegalArgumentException e) {
      throw new Unreadable("its payload is not base64 (" + e.getMessage() + ")");
    }
    boolean gzipped = bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    HelmRelease release;
    try (InputStream raw = new ByteArrayInputStream(bytes);
        InputStream json = gzipped ? new GZIPInputStream(raw, 16384) : raw;
        JsonParser parser = JSON.createParser(json)) {
      release = toRelease(KEPT.read(parser));
    } catch (JsonProcessingException e) {
      throw new Unreadable(
          "its payload is not a JSON release ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ")");
    } catch (IOException e) {
      throw new Unreadable(
          (gzipped ? "its gzip payload is truncated or corrupt (" : "its payload is unreadable (")
              + e.getMessage()
              + ")");
    }
    if (release.name().isEmpty()) {
      throw new Unreadable("its payload holds no release name (not written by Helm)");
    }
    return release;
  }

  /** A stored payload that is not a Helm release; the message says what is wrong with it. */
  public static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Helm writes plain base64; the lenient MIME decoder, which scans the input twice, only when that
   * fails.
   */
  private static byte[] base64(byte[] text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Base64.getMimeDecoder().decode(text);
    }
  }

  private static HelmRelease toRelease(JsonNode release) {
    List<HelmRelease.Hook> hooks = new ArrayList<>();
    for (JsonNode hook : release.path("hooks")) {
      List<String> events = new ArrayList<>();
      hook.path("events").forEach(event -> events.add(event.asText()));
      JsonNode lastRun = hook.path("last_run");
      Optional<HelmRelease.LastRun> run =
          lastRun.isMissingNode() || lastRun.path("phase").asText("").isEmpty()
              ? Optional.empty()
              : Optional.of(
                  new HelmRelease.LastRun(
                      time(lastRun.path("started_at")),
                      time(lastRun.path("completed_at")),
                      lastRun.path("phase").asText()));
      hooks.add(
          new HelmRelease.Hook(
              hook.path("name").asText(),
              hook.path("kind").asText(),
              events,
              hook.path("weight").asInt(),
              hook.path("manifest").asText(),
              run));
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
