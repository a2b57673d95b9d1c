package io.chartreuse.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * {@code migrations.fromImage.jars}: the application's jar (or folder of jars) copied from its
 * image for Flyway.
 */
@KubeTest(kubelet = false)
class ApplicationJarsChartIT {
  @Test
  void aJarFromTheApplicationsImageBecomesTheRunnersFlywayJars(TestCluster cluster) {
    RenderedChart chart =
        RenderedChart.render(
            cluster,
            "--set",
            "database.url=postgresql://db:5432/app",
            "--set",
            "database.password=pw",
            "--set",
            "migrations.fromImage.repository=example/shop",
            "--set",
            "migrations.fromImage.tag=1.2.3",
            "--set",
            "migrations.fromImage.path=/app/shop.jar",
            "--set",
            "migrations.fromImage.jars=true",
            "--set",
            "flyway.locations={classpath:db/migration}");
    JsonNode pod = chart.get("Job", "r-chartreuse-ephemeral").at("/spec/template/spec");
    assertEquals("/app/shop.jar", pod.at("/initContainers/0/env/0/value").asText());
    assertTrue(
        pod.at("/initContainers/0/command/2")
            .asText()
            .contains("cp \"$SOURCE\" /chartreuse-migrations/"));
    assertEquals(
        "/app/application-jars", pod.at("/containers/0/volumeMounts/1/mountPath").asText());
    JsonNode data = chart.get("ConfigMap", "r-chartreuse-ephemeral").get("data");
    assertEquals("/app/application-jars", data.get("CHARTREUSE_FLYWAY_JARS").asText());
    assertEquals("classpath:db/migration", data.get("CHARTREUSE_FLYWAY_LOCATIONS").asText());
  }
}
