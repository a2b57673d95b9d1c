package io.chartreuse.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.KubectlPlugin;
import io.chartreuse.testkube.ShopRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl chartreuse status} through kubectl's real plugin dispatch (bin/ on PATH), after a
 * real helm install of the example chart: every format, every finding and its exit code, and bad
 * input.
 */
@KubeTest(kubelet = false)
class StatusPluginIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void statusThroughKubectlInEveryFormatWithEachFindingsExitCode(TestCluster cluster)
      throws Exception {
    String namespace = cluster.createNamespace("status");
    TestDatabase database = TestPostgres.get().createDatabase("status");
    try (ShopRelease shop = new ShopRelease(cluster, namespace, database, temp)) {
      shop.helm("install").assertOk();

      ProcessResult table = plugin(cluster, "status", "-n", namespace);
      assertEquals(0, table.exitCode(), table.toString());
      assertTrue(
          table.output().contains("shop") && table.output().contains("migrated"), table.output());
      JsonNode json =
          JSON.readTree(
              plugin(cluster, "status", "-n", namespace, "-o", "json").assertOk().output());
      assertValid(json);
      assertEquals("3", json.at("/releases/0/instances/0/record/databases/0/current").asText());
      JsonNode yaml =
          new ObjectMapper(new YAMLFactory())
              .readTree(plugin(cluster, "status", "-n", namespace, "-o", "yaml").output());
      assertEquals(json, yaml);
      assertEquals(
          0,
          plugin(cluster, "status", "-n", namespace, "--fail-on", "pending,drift,failed,stranded")
              .exitCode());

      shop.migrations().add("V4__add_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
      assertEquals(0, shop.checkOnly().exitCode());
      ProcessResult pending = plugin(cluster, "status", "-n", namespace, "--fail-on", "pending");
      assertEquals(3, pending.exitCode(), pending.toString());

      String original =
          Files.readString(shop.migrations().directory().resolve("V1__create_products.sql"));
      shop.migrations()
          .add("V1__create_products.sql", original + "\n-- edited after it was applied\n");
      shop.checkOnly();
      assertEquals(
          4, plugin(cluster, "status", "-n", namespace, "--fail-on", "drift,pending").exitCode());
      assertEquals(
          3,
          plugin(cluster, "status", "-n", namespace, "--fail-on", "pending,drift").exitCode(),
          "first in --fail-on order");
      shop.migrations().add("V1__create_products.sql", original);

      execute(database, "ALTER TABLE products ADD COLUMN made_by_hand text");
      assertEquals(0, shop.checkOnly().exitCode(), "check only");
      ProcessResult liveTable = plugin(cluster, "status", "-n", namespace);
      assertTrue(liveTable.output().contains("schema:1"), liveTable.output());
      JsonNode live =
          JSON.readTree(
              plugin(cluster, "status", "-n", namespace, "-o", "json").assertOk().output());
      assertValid(live);
      JsonNode schemaDrift = live.at("/releases/0/instances/0/record/databases/0/schema_drift");
      assertEquals(1, schemaDrift.get("count").asInt(), live.toPrettyString());
      assertEquals(
          "column public.products.made_by_hand: added", schemaDrift.at("/first/0").asText());
      assertEquals(4, plugin(cluster, "status", "-n", namespace, "--fail-on", "drift").exitCode());
      execute(database, "ALTER TABLE products DROP COLUMN made_by_hand");

      cluster
          .admin()
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName("shop-web")
          .edit(
              d -> {
                d.getMetadata().getAnnotations().put("wiremind.io/stopped-by", "shop");
                return d;
              });
      assertEquals(
          7, plugin(cluster, "status", "-n", namespace, "--fail-on", "stranded").exitCode());
      cluster
          .admin()
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName("shop-web")
          .edit(
              d -> {
                d.getMetadata().getAnnotations().remove("wiremind.io/stopped-by");
                return d;
              });

      shop.migrations().add("V4__add_sku.sql", "INSERT INTO no_such_table VALUES (1);");
      assertFalse(shop.helm("upgrade").ok());
      ProcessResult failed =
          plugin(cluster, "status", "shop", "-n", namespace, "--fail-on", "failed", "-o", "json");
      assertEquals(5, failed.exitCode(), failed.toString());
      assertTrue(
          JSON.readTree(failed.output()).at("/releases/0/findings").toString().contains("failed"),
          failed.output());
    }
  }

  @Test
  void badInputGetsAOneLineErrorAndADocumentedExitCode(TestCluster cluster) throws Exception {
    String namespace = cluster.createNamespace("status-bad");

    ProcessResult unknown = plugin(cluster, "status", "nope", "-n", namespace);
    assertEquals(1, unknown.exitCode());
    assertEquals(
        "chartreuse: no release nope using chartreuse in namespace "
            + namespace
            + "; releases here: none",
        unknown.output().strip());

    ProcessResult context = plugin(cluster, "status", "--context", "nope");
    assertEquals(2, context.exitCode());
    assertTrue(
        context
            .output()
            .strip()
            .startsWith("chartreuse: no context nope in the kubeconfig; contexts: "),
        context.output());

    Path unreachable = temp.resolve("unreachable.kubeconfig");
    Files.writeString(
        unreachable,
        Files.readString(cluster.kubeconfig())
            .replaceAll("server: https://[^\\s]+", "server: https://127.0.0.1:1"));
    ProcessResult down =
        plugin(cluster, "status", "--kubeconfig", unreachable.toString(), "-n", namespace);
    assertEquals(1, down.exitCode(), down.toString());
    assertEquals(
        1,
        down.output().strip().lines().filter(l -> l.startsWith("chartreuse: ")).count(),
        down.output());

    cluster
        .admin()
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName("nobody")
                .endMetadata()
                .build())
        .create();
    String token = cluster.serviceAccountToken(namespace, "nobody", Duration.ofSeconds(60));
    Path forbidden = temp.resolve("forbidden.kubeconfig");
    Files.writeString(
        forbidden,
        Files.readString(cluster.kubeconfig()).replaceAll("token: [^\\s]+", "token: " + token));
    ProcessResult denied =
        plugin(cluster, "status", "--kubeconfig", forbidden.toString(), "-n", namespace);
    assertEquals(1, denied.exitCode(), denied.toString());
    assertTrue(
        denied.output().contains("forbidden to list secrets labelled owner=helm")
            && !denied.output().contains(token),
        denied.output());
  }

  private static void execute(TestDatabase database, String sql) throws Exception {
    try (java.sql.Connection connection = database.connect();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static ProcessResult plugin(TestCluster cluster, String... args) {
    return KubectlPlugin.run(cluster, args);
  }

  private static void assertValid(JsonNode output) throws Exception {
    var schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(
                Files.readString(TestCluster.basedir().resolve("docs/status-output.schema.json")));
    var errors = schema.validate(output);
    assertTrue(errors.isEmpty(), errors + "\n" + output.toPrettyString());
  }
}
