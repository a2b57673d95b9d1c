package io.chartreuse.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.KubectlPlugin;
import io.chartreuse.testkube.ShopRelease;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, point 6: release Secrets labelled {@code owner=helm} that cannot be decoded, and a
 * status record that cannot be parsed, beside a healthy release on the real control plane: the
 * healthy one is still shown, each broken one is a row that says what is wrong (and a warning on
 * stderr), {@code --fail-on unreadable} counts them, and nothing is written back.
 */
@KubeTest(kubelet = false)
class UnreadableReleasesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void everyReadableReleaseIsShownAndEachUnreadableOneSaysWhy(TestCluster cluster)
      throws Exception {
    String namespace = cluster.createNamespace("unreadable");
    TestDatabase database = TestPostgres.get().createDatabase("unreadable");
    try (ShopRelease shop = new ShopRelease(cluster, namespace, database, temp)) {
      shop.helm("install").assertOk();
      byte[] release =
          "{\"name\":\"x\",\"namespace\":\"y\",\"version\":1}".getBytes(StandardCharsets.UTF_8);
      Map<String, byte[]> broken = new LinkedHashMap<>();
      broken.put("not-base64", "%%% not base64 %%%".getBytes(StandardCharsets.US_ASCII));
      broken.put("truncated", base64(Arrays.copyOf(gzip(release), 12)));
      broken.put("not-json", base64(gzip("<html>a proxy error page</html>".getBytes())));
      broken.put("other-tool", base64(gzip("{\"kind\":\"something else\"}".getBytes())));
      List<HasMetadata> created = new java.util.ArrayList<>();
      broken.forEach(
          (name, payload) -> created.add(releaseSecret(cluster, namespace, name, "1", payload)));
      created.add(releaseSecret(cluster, namespace, "bad-version", "v2", base64(gzip(release))));
      created.add(
          cluster
              .admin()
              .configMaps()
              .inNamespace(namespace)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("shop-other-status")
                      .addToLabels("app.kubernetes.io/managed-by", "chartreuse")
                      .addToLabels("app.kubernetes.io/instance", ShopRelease.RELEASE)
                      .endMetadata()
                      .addToData("status.json", "{\"last_run\": {\"outcome\": ")
                      .build())
              .create());

      CliProcess.Result json =
          CliProcess.of("status", "-n", namespace, "-o", "json")
              .env("KUBECONFIG", cluster.kubeconfig().toString())
              .run();
      assertEquals(0, json.exitCode(), json.all());
      JsonNode document = JSON.readTree(json.stdout());
      assertValid(document);
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      document.get("releases").forEach(r -> byName.put(r.get("release").asText(), r));
      assertEquals(
          List.of("bad-version", "not-base64", "not-json", "other-tool", "shop", "truncated"),
          List.copyOf(byName.keySet()));
      List<String> currents = new java.util.ArrayList<>();
      byName
          .get("shop")
          .get("instances")
          .forEach(i -> currents.add(i.at("/record/databases/0/current").asText("-")));
      assertTrue(currents.contains("3"), byName.get("shop").toPrettyString());
      assertProblem(byName, "not-base64", "its payload is not base64");
      assertProblem(byName, "truncated", "its gzip payload is truncated or corrupt");
      assertProblem(byName, "not-json", "its payload is not a JSON release");
      assertProblem(byName, "other-tool", "holds no release name");
      assertProblem(byName, "bad-version", "version label is not a revision number");
      JsonNode record =
          byName.get("shop").get("instances").findValues("problem").stream()
              .filter(p -> !p.isNull())
              .findFirst()
              .orElseThrow();
      assertTrue(
          record.asText().startsWith("ConfigMap shop-other-status: the status record is not valid"),
          record.asText());
      assertTrue(
          json.stderr()
              .contains(
                  "chartreuse: warning: release not-base64 in namespace "
                      + namespace
                      + ": Secret sh.helm.release.v1.not-base64.v1 is not a readable Helm release"),
          json.stderr());

      ProcessResult table = KubectlPlugin.run(cluster, "status", "-n", namespace);
      assertEquals(0, table.exitCode(), table.toString());
      assertTrue(
          table.output().lines().anyMatch(l -> l.contains("truncated") && l.contains("unreadable")),
          table.output());
      assertTrue(
          table.output().lines().anyMatch(l -> l.contains("shop") && l.contains("migrated")),
          table.output());
      assertEquals(
          0,
          KubectlPlugin.run(
                  cluster, "status", "-n", namespace, "--fail-on", "pending,failed,stranded")
              .exitCode());
      assertEquals(
          1,
          KubectlPlugin.run(cluster, "status", "-n", namespace, "--fail-on", "unreadable")
              .exitCode());
      ProcessResult one = KubectlPlugin.run(cluster, "status", "shop", "-n", namespace);
      assertEquals(0, one.exitCode(), one.toString());

      for (HasMetadata object : created) {
        HasMetadata now =
            object.getKind().equals("Secret")
                ? cluster
                    .admin()
                    .secrets()
                    .inNamespace(namespace)
                    .withName(object.getMetadata().getName())
                    .get()
                : cluster
                    .admin()
                    .configMaps()
                    .inNamespace(namespace)
                    .withName(object.getMetadata().getName())
                    .get();
        assertEquals(
            object.getMetadata().getResourceVersion(),
            now.getMetadata().getResourceVersion(),
            "nothing written back to " + object.getMetadata().getName());
      }
    }
  }

  private static void assertProblem(Map<String, JsonNode> byName, String release, String text) {
    JsonNode row = byName.get(release);
    assertEquals("unreadable", row.get("helm_status").asText(), row.toString());
    assertEquals("unreadable", row.at("/findings/0").asText(), row.toString());
    assertTrue(row.get("problem").asText().contains(text), row.toString());
  }

  private static HasMetadata releaseSecret(
      TestCluster cluster, String namespace, String name, String version, byte[] payload) {
    return cluster
        .admin()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1." + name + ".v1")
                .addToLabels("owner", "helm")
                .addToLabels("name", name)
                .addToLabels("version", version)
                .addToLabels("status", "deployed")
                .endMetadata()
                .withType("helm.sh/release.v1")
                .addToData("release", Base64.getEncoder().encodeToString(payload))
                .build())
        .create();
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] base64(byte[] bytes) {
    return Base64.getEncoder().encode(bytes);
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
