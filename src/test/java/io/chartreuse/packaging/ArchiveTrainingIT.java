package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run the launcher's start-up archive is dumped from (io.chartreuse.training.TrainingRun, from
 * chartreuse-training.jar) goes through the whole path of a real `status`, so that its class list
 * holds the TLS handshake, the raw lists, the release decoding and every output format; and through
 * `check` (Alembic and Flyway) and `run --check-only` against a canned PostgreSQL, so that it holds
 * the JDBC driver's connection and query path, the inspections and the catalog reading.
 */
class ArchiveTrainingIT {
  @TempDir Path temp;

  @Test
  void trainingRunLoadsTheWholeStatusCheckAndRunPaths() throws Exception {
    Path classes = temp.resolve("classes.lst");
    PackagingProcess run =
        PackagingProcess.run(
            List.of(
                "java",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:DumpLoadedClassList=" + classes,
                "-cp",
                PackagingProcess.jar() + ":" + PackagingProcess.trainingJar(),
                "io.chartreuse.training.TrainingRun"),
            Map.of(),
            temp,
            Duration.ofMinutes(2));
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("", run.stdout() + run.stderr(), "quiet");
    List<String> loaded = Files.readAllLines(classes);
    for (String expected :
        List.of(
            "sun/security/ssl/ClientHello",
            "sun/security/provider/certpath/PKIXCertPathValidator",
            "io/chartreuse/kube/RawLister",
            "io/chartreuse/release/KeptFields",
            "io/chartreuse/status/StatusFindings",
            "io/chartreuse/status/StatusTable",
            "org/yaml/snakeyaml/emitter/Emitter",
            "org/postgresql/core/v3/QueryExecutorImpl",
            "io/chartreuse/check/Check",
            "io/chartreuse/engine/alembic/RevisionScripts",
            "io/chartreuse/schema/catalog/CatalogReader",
            "org/flywaydb/core/Flyway",
            "io/chartreuse/runner/Runner")) {
      assertTrue(loaded.contains(expected), "the training run loads " + expected);
    }
  }
}
