package io.chartreuse.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.report.JsonReport;
import io.chartreuse.status.StatusDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The answers of the training run's API server, one of each thing `status` reads: a release stored
 * as Helm stores it (with the chart parts that are skipped), its status record with a pending
 * migration and drift, its migration Job, and a Deployment it left stopped.
 */
final class CannedLists {
  static final String NAMESPACE = "training";
  private static final String RELEASE = "training";
  private static final String CHARTREUSE_LABEL = "app.kubernetes.io/part-of: chartreuse";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CannedLists() {}

  /** List bodies by resource (the last segment of the request's path). */
  static Map<String, byte[]> byResource() {
    return Map.of(
        "secrets",
            list(
                "SecretList",
                Map.of(
                    "metadata",
                        metadata(
                            "sh.helm.release.v1." + RELEASE + ".v1",
                            Map.of(
                                "owner",
                                "helm",
                                "name",
                                RELEASE,
                                "status",
                                "deployed",
                                "version",
                                "1")),
                    "type", "helm.sh/release.v1",
                    "data", Map.of("release", Base64.getEncoder().encodeToString(helmPayload())))),
        "configmaps",
            list(
                "ConfigMapList",
                Map.of(
                    "metadata",
                        metadata(
                            RELEASE + "-chartreuse-status",
                            Map.of(
                                "app.kubernetes.io/managed-by",
                                "chartreuse",
                                "app.kubernetes.io/instance",
                                RELEASE)),
                    "data", Map.of("status.json", new JsonReport().render(statusRecord())))),
        "jobs",
            list(
                "JobList",
                Map.of(
                    "metadata",
                        metadata(
                            RELEASE + "-chartreuse-migrate",
                            Map.of(
                                "app.kubernetes.io/part-of",
                                "chartreuse",
                                "app.kubernetes.io/instance",
                                RELEASE)),
                    "status", Map.of("failed", 1, "startTime", "2026-01-01T10:00:00Z"))),
        "deployments",
            list(
                "PartialObjectMetadataList",
                Map.of(
                    "metadata",
                    Map.of(
                        "name",
                        RELEASE + "-web",
                        "namespace",
                        NAMESPACE,
                        "annotations",
                        Map.of("wiremind.io/stopped-by", RELEASE)))));
  }

  /** base64 of gzip of the release JSON, as Helm writes it. */
  private static byte[] helmPayload() {
    Map<String, Object> hook =
        Map.of(
            "name",
            RELEASE + "-chartreuse-migrate",
            "kind",
            "Job",
            "events",
            List.of("pre-upgrade"),
            "weight",
            -5,
            "manifest",
            "kind: Job\nmetadata:\n  labels:\n    " + CHARTREUSE_LABEL + "\n",
            "last_run",
            Map.of(
                "started_at",
                "2026-01-01T10:00:00Z",
                "completed_at",
                "0001-01-01T00:00:00Z",
                "phase",
                "Failed"));
    Map<String, Object> release =
        Map.of(
            "name",
            RELEASE,
            "namespace",
            NAMESPACE,
            "version",
            1,
            "info",
            Map.of("status", "deployed", "notes", "skipped"),
            "chart",
            Map.of(
                "metadata", Map.of("name", "app", "version", "1.0.0", "appVersion", "1.0.0"),
                "templates", List.of(Map.of("name", "templates/job.yaml", "data", "c2tpcHBlZA==")),
                "values", Map.of("skipped", Map.of("nested", List.of(1, true)))),
            "config",
            Map.of("skipped", "yes"),
            "manifest",
            "kind: Deployment\n",
            "hooks",
            List.of(hook));
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(JSON.writeValueAsBytes(release));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encode(gzipped.toByteArray());
  }

  private static StatusDocument statusRecord() {
    Instant time = Instant.parse("2026-01-01T10:00:07Z");
    return new StatusDocument(
        StatusDocument.SCHEMA_VERSION,
        "0.0.0",
        RELEASE,
        time,
        List.of(
            new StatusDocument.DatabaseEntry(
                "default",
                "db:5432/app",
                "flyway",
                Optional.of("1"),
                Optional.of("2"),
                List.of("2"),
                List.of(
                    new StatusDocument.VerdictEntry(
                        "2",
                        "breaking",
                        false,
                        List.of(
                            "V2__cleanup.sql:1 DROP COLUMN orders.note - running code that reads it"
                                + " fails"))),
                List.of(
                    new HistoryProblem(
                        "checksum-mismatch", "1", "init", "edited after it was applied")),
                Optional.of(
                    new StatusDocument.SchemaDrift(
                        1, List.of("index public.orders_status_idx: missing"))),
                Optional.empty())),
        new StatusDocument.LastRun(
            time,
            Optional.of(time),
            "failed",
            List.of(RELEASE + "-web"),
            Optional.of(RELEASE + "-chartreuse-migrate"),
            Optional.empty(),
            Optional.of("training"),
            Optional.empty()));
  }

  private static Map<String, Object> metadata(String name, Map<String, String> labels) {
    return Map.of("name", name, "namespace", NAMESPACE, "labels", labels);
  }

  private static byte[] list(String kind, Map<String, Object> item) {
    try {
      return JSON.writeValueAsBytes(
          Map.of(
              "kind",
              kind,
              "apiVersion",
              "v1",
              "metadata",
              Map.of("resourceVersion", "1"),
              "items",
              List.of(item)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
