package io.chartreuse.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.StatusRecordSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two chartreuse subcharts (aliases) in one umbrella release: their hook Jobs run one after the
 * other, by weight.
 */
@KubeTest(kubelet = false)
class TwoSubchartsIT {
  @TempDir Path temp;

  @Test
  void theyRunInTheirWeightOrder(TestCluster cluster) throws Exception {
    String namespace = cluster.createNamespace("two-subcharts");
    TestDatabase main = TestPostgres.get().createDatabase("main");
    TestDatabase audit = TestPostgres.get().createDatabase("audit");
    Path migrations = temp.resolve("migrations");
    new MigrationFiles(migrations.resolve("main"))
        .add("V1__orders.sql", "CREATE TABLE orders (id int);");
    new MigrationFiles(migrations.resolve("audit"))
        .add("V1__audit_log.sql", "CREATE TABLE audit_log (id int);");
    Path umbrella = temp.resolve("umbrella");
    Files.createDirectories(umbrella);
    String chart = "file://" + TestCluster.basedir().resolve("chart").toAbsolutePath();
    Files.writeString(
        umbrella.resolve("Chart.yaml"),
        "apiVersion: v2\nname: umbrella\nversion: 0.1.0\ndependencies:\n"
            + "  - {name: chartreuse, alias: audit, version: 0.1.0, repository: \""
            + chart
            + "\"}\n"
            + "  - {name: chartreuse, alias: main, version: 0.1.0, repository: \""
            + chart
            + "\"}\n");
    Files.writeString(
        umbrella.resolve("values.yaml"), values("main", main, 1) + values("audit", audit, 5));
    cluster.helm(Duration.ofMinutes(1), "dependency", "update", umbrella.toString()).assertOk();

    try (FakeKubelet kubelet =
        new FakeKubelet(cluster, namespace).mapPath("/app/migrations", migrations).start()) {
      cluster
          .helm(
              Duration.ofMinutes(3),
              "install",
              "two",
              umbrella.toString(),
              "-n",
              namespace,
              "--timeout",
              "150s")
          .assertOk();
    }
    JsonNode first = StatusRecordSchema.read(cluster.admin(), namespace, "two-main-status");
    JsonNode second = StatusRecordSchema.read(cluster.admin(), namespace, "two-audit-status");
    assertEquals("migrated", first.at("/last_run/outcome").asText());
    assertEquals("migrated", second.at("/last_run/outcome").asText());
    Instant mainFinished = Instant.parse(first.at("/last_run/finished_at").asText());
    Instant auditStarted = Instant.parse(second.at("/last_run/started_at").asText());
    assertFalse(
        auditStarted.isBefore(mainFinished),
        "audit (weight 5) started "
            + auditStarted
            + " before main (weight 1) finished "
            + mainFinished);
    try (Connection connection = audit.connect()) {
      assertEquals(List.of("1"), MigrationFiles.appliedVersions(connection));
    }
  }

  private static String values(String alias, TestDatabase database, int weight) {
    return alias
        + ":\n"
        + "  upgradeJobWeight: \""
        + weight
        + "\"\n"
        + "  stopPods: false\n"
        + "  database: {url: \"postgresql://"
        + database.host()
        + ":"
        + database.port()
        + "/"
        + database.name()
        + "\", user: "
        + database.user()
        + ", password: \""
        + database.password()
        + "\"}\n"
        + "  flyway: {locations: [\"filesystem:/app/migrations/"
        + alias
        + "\"]}\n";
  }
}
