package io.chartreuse.testkube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Set;

/** Reads a status record ConfigMap and checks it against docs/status-record.schema.json. */
public final class StatusRecordSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  private StatusRecordSchema() {}

  private static synchronized JsonSchema schema() throws IOException {
    if (schema == null) {
      try (InputStream in =
          Files.newInputStream(TestCluster.basedir().resolve("docs/status-record.schema.json"))) {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      }
    }
    return schema;
  }

  /** The record's JSON, asserted valid. */
  public static JsonNode read(KubernetesClient client, String namespace, String name)
      throws IOException {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    assertTrue(configMap != null, "no status record " + name);
    assertTrue(
        "chartreuse"
            .equals(configMap.getMetadata().getLabels().get("app.kubernetes.io/managed-by")),
        "labels");
    JsonNode record = JSON.readTree(configMap.getData().get("status.json"));
    Set<ValidationMessage> errors = schema().validate(record);
    assertTrue(
        errors.isEmpty(),
        "status record does not match its schema: " + errors + "\n" + record.toPrettyString());
    return record;
  }
}
