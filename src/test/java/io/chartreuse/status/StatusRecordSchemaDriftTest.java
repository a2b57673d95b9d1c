package io.chartreuse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.DatabaseStatus;
import io.chartreuse.report.JsonReport;
import io.chartreuse.report.Outcome;
import io.chartreuse.report.RunReport;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.SnapshotOptions;
import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.schema.diff.SchemaDiff;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Live-schema drift in the status record: bounded (count and the first 10), valid against its JSON
 * Schema, readable back.
 */
class StatusRecordSchemaDriftTest {
  private static final ObjectMapper READER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void aDriftedDatabaseIsSummarizedInTheRecord() throws Exception {
    SchemaDiff drift = twelveAddedColumns();
    DatabaseReport database =
        new DatabaseReport(
            "default",
            "db:5432/app",
            "flyway",
            DatabaseStatus.DRIFT,
            Optional.of("2"),
            Optional.empty(),
            Optional.of("3"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            drift.differences(),
            List.of(),
            Optional.of("drift"));
    Instant now = Instant.now();
    RunReport report =
        new RunReport(
            "0.1.0",
            now,
            now,
            Outcome.DRIFT,
            "off",
            List.of(),
            Duration.ZERO,
            Duration.ZERO,
            List.of(database),
            Optional.of("live schema drift found"));

    String json =
        new JsonReport()
            .render(
                StatusDocument.finished(
                    report, "shop", Optional.empty(), Optional.empty(), Optional.empty()));
    JsonNode record = READER.readTree(json);
    assertEquals(List.of(), List.copyOf(schema().validate(record)), json);
    JsonNode summary = record.at("/databases/0/schema_drift");
    assertEquals(12, summary.get("count").asInt());
    assertEquals(10, summary.get("first").size());
    assertTrue(
        summary.at("/first/0").asText().matches("column public\\.items\\.c\\d+: added"),
        summary.toString());

    assertEquals(
        12,
        READER
            .readValue(json, StatusDocument.class)
            .databases()
            .get(0)
            .schemaDrift()
            .orElseThrow()
            .count());
    ((ObjectNode) record.at("/databases/0")).remove("schema_drift");
    assertEquals(
        Optional.empty(),
        READER.treeToValue(record, StatusDocument.class).databases().get(0).schemaDrift(),
        "a record written before live drift existed reads as no live drift");
  }

  private static SchemaDiff twelveAddedColumns() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("status_drift");
    CatalogReader reader = new CatalogReader(SnapshotOptions.allSchemas());
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id int)");
      SchemaSnapshot before = reader.read(connection);
      for (int i = 1; i <= 12; i++) {
        statement.execute("ALTER TABLE items ADD COLUMN c" + i + " text");
      }
      return SchemaDiff.between(before, reader.read(connection));
    }
  }

  private static JsonSchema schema() throws Exception {
    Path file =
        Path.of(System.getProperty("chartreuse.basedir", "."))
            .resolve("docs/status-record.schema.json");
    try (InputStream in = Files.newInputStream(file)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }
}
