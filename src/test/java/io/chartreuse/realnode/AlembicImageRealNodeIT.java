package io.chartreuse.realnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Alembic example image (examples/alembic: Debian's Python and Alembic, the example project,
 * and /opt/chartreuse copied from the runner image in one line, no environment added) installed and
 * upgraded through the chart on the real node.
 */
@ExtendWith(RealNodeExtension.class)
class AlembicImageRealNodeIT {
  @Test
  void theAlembicExampleImageMigratesThroughTheChartOnInstallAndIsANoOpOnUpgrade()
      throws Exception {
    RealNode node = RealNode.get();
    String namespace = node.createNamespace("alembic");
    TestDatabase database = TestPostgres.get().createDatabase("real_alembic");
    node.admin()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("orders-database")
                .endMetadata()
                .addToStringData("password", database.password())
                .build())
        .create();
    String image = node.alembicImage();
    // The one line of the README: /opt/chartreuse copied in, nothing added to the environment.
    String env =
        node.docker(Duration.ofSeconds(30), "image", "inspect", "-f", "{{json .Config.Env}}", image)
            .assertOk()
            .output();
    assertFalse(env.contains("/opt/chartreuse") || env.contains("CHARTREUSE_"), env);

    for (String verb : List.of("install", "upgrade")) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  verb,
                  "orders",
                  TestCluster.basedir().resolve("chart").toString(),
                  "-n",
                  namespace,
                  "--timeout",
                  "180s",
                  "--set",
                  "engine=alembic",
                  "--set",
                  "image.repository=" + image.substring(0, image.indexOf(':')),
                  "--set",
                  "image.tag=" + image.substring(image.indexOf(':') + 1),
                  "--set",
                  "database.url=postgresql://"
                      + node.postgresHost()
                      + ":"
                      + node.postgresPort()
                      + "/"
                      + database.name(),
                  "--set",
                  "database.user=" + database.user(),
                  "--set",
                  "database.existingSecret=orders-database"));
      ProcessResult helm = node.helm(Duration.ofMinutes(4), args.toArray(String[]::new));
      helm.assertOk();
      try (Connection connection = database.connect()) {
        assertEquals(
            List.of("0002"),
            MigrationFiles.strings(connection, "SELECT version_num FROM alembic_version"));
        assertTrue(
            MigrationFiles.schema(connection).stream()
                .anyMatch(c -> c.contains("orders") && c.contains("status")),
            MigrationFiles.schema(connection).toString());
      }
    }
  }
}
