package io.chartreuse.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Helm 3's stored release, in each form Helm has written it, decoded without the helm binary. */
class ReleaseDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOB_MANIFEST =
      "kind: Job\nmetadata:\n  labels:\n    app.kubernetes.io/part-of: chartreuse\n";

  private static Map<String, Object> release() {
    return Map.of(
        "name",
        "shop",
        "namespace",
        "prod",
        "version",
        7,
        "info",
        Map.of("status", "deployed", "notes", "long notes that are skipped"),
        "chart",
        Map.of(
            "metadata", Map.of("name", "shop", "version", "1.2.3", "appVersion", "4.5.6"),
            "templates", List.of(Map.of("name", "templates/job.yaml", "data", "c2tpcHBlZA==")),
            "values", Map.of("deep", Map.of("list", List.of(1, true, "x")))),
        "manifest",
        "kind: Deployment\n",
        "hooks",
        List.of(
            Map.of(
                "name",
                "shop-chartreuse-migrate",
                "kind",
                "Job",
                "events",
                List.of("pre-upgrade", "pre-install"),
                "weight",
                -5,
                "manifest",
                JOB_MANIFEST,
                "last_run",
                Map.of(
                    "started_at",
                    "2026-01-01T10:00:00Z",
                    "completed_at",
                    "0001-01-01T00:00:00Z",
                    "phase",
                    "Failed"))));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static void assertShop(HelmRelease release) {
    assertEquals("shop", release.name());
    assertEquals("prod", release.namespace());
    assertEquals(7, release.revision());
    assertEquals("deployed", release.status());
    assertEquals("shop", release.chartName());
    assertEquals("1.2.3", release.chartVersion());
    assertEquals(Optional.of("4.5.6"), release.appVersion());
    assertEquals("kind: Deployment\n", release.manifest());
    assertTrue(release.usesChartreuse());
    HelmRelease.Hook hook = release.chartreuseJobs().get(0);
    assertEquals("shop-chartreuse-migrate", hook.name());
    assertEquals(List.of("pre-upgrade", "pre-install"), hook.events());
    assertEquals(-5, hook.weight());
    assertEquals("Failed", hook.lastRun().orElseThrow().phase());
    assertEquals(Optional.of("2026-01-01T10:00:00Z"), hook.lastRun().orElseThrow().startedAt());
  }

  @Test
  void gzippedAsHelmWritesIt() throws IOException {
    assertShop(
        ReleaseDecoder.decode(
            Base64.getEncoder().encodeToString(gzip(JSON.writeValueAsBytes(release())))));
  }

  @Test
  void plainJsonAsWrittenBeforeCompression() throws IOException {
    assertShop(
        ReleaseDecoder.decode(
            Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(release()))));
  }

  @Test
  void lineBreaksOfAHandEditedConfigMapAreIgnored() throws IOException {
    String wrapped =
        Base64.getMimeEncoder().encodeToString(gzip(JSON.writeValueAsBytes(release())));
    assertTrue(wrapped.contains("\r\n"));
    assertShop(ReleaseDecoder.decode(wrapped.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aReleaseWithoutChartreuseSaysSo() throws IOException {
    Map<String, Object> other =
        Map.of(
            "name",
            "web",
            "namespace",
            "prod",
            "version",
            1,
            "info",
            Map.of("status", "deployed"),
            "chart",
            Map.of("metadata", Map.of("name", "web", "version", "0.1.0")),
            "manifest",
            "kind: Service\n");
    HelmRelease release =
        ReleaseDecoder.decode(Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(other)));
    assertFalse(release.usesChartreuse());
    assertEquals(Optional.empty(), release.appVersion());
  }

  @Test
  void aPayloadThatIsNotAReleaseFails() {
    assertThrows(
        ReleaseDecoder.Unreadable.class,
        () ->
            ReleaseDecoder.decode(
                Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})));
  }
}
