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
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.DatabaseStatus;
import io.chartreuse.report.JsonReport;
import io.chartreuse.report.Outcome;
import io.chartreuse.report.PendingVerdict;
import io.chartreuse.report.RunReport;
import io.chartreuse.report.StructuredOutput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of pending migrations in the status record (bounded, valid against its JSON Schema,
 * readable back, also from a record written before they existed) and in {@code status}: a column of
 * the table, the verdicts in JSON and YAML.
 */
class StatusVerdictsTest {
  private static final ObjectMapper READER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static StatusDocument record(
      List<PendingMigration> pending, List<PendingVerdict> verdicts) {
    DatabaseReport database =
        new DatabaseReport(
            "default",
            "db:5432/app",
            "flyway",
            DatabaseStatus.PENDING,
            Optional.of("1"),
            Optional.empty(),
            Optional.of(String.valueOf(pending.size() + 1)),
            pending,
            verdicts,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    Instant now = Instant.now();
    RunReport report =
        new RunReport(
            "0.1.0",
            now,
            now,
            Outcome.CHECKED,
            "on",
            List.of(),
            Duration.ZERO,
            Duration.ZERO,
            List.of(database),
            Optional.empty());
    return StatusDocument.finished(
        report, "shop", Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static PendingMigration pending(int version) {
    return new PendingMigration(
        String.valueOf(version), "m" + version, "V" + version + "__m.sql", true);
  }

  @Test
  void theRecordKeepsABoundedVerdictPerPendingMigration() throws Exception {
    List<PendingMigration> pending = new ArrayList<>();
    List<PendingVerdict> verdicts = new ArrayList<>();
    for (int v = 2; v <= 26; v++) {
      pending.add(pending(v));
      List<String> reasons = new ArrayList<>();
      for (int r = 1; r <= 5; r++) {
        reasons.add("V" + v + "__m.sql:" + r + " DROP COLUMN t.c" + r + " " + "x".repeat(400));
      }
      verdicts.add(new PendingVerdict(String.valueOf(v), "breaking", v == 2, reasons));
    }
    String json = new JsonReport().render(record(pending, verdicts));
    JsonNode record = READER.readTree(json);
    assertEquals(List.of(), List.copyOf(schema().validate(record)), json);
    JsonNode kept = record.at("/databases/0/verdicts");
    assertEquals(20, kept.size());
    assertEquals("2", kept.at("/0/version").asText());
    assertEquals("breaking", kept.at("/0/verdict").asText());
    assertTrue(kept.at("/0/declared").asBoolean());
    assertEquals(3, kept.at("/0/reasons").size());
    assertEquals(300, kept.at("/0/reasons/0").asText().length());
    assertTrue(kept.at("/0/reasons/0").asText().startsWith("V2__m.sql:1 DROP COLUMN t.c1"));

    assertEquals(
        20, READER.readValue(json, StatusDocument.class).databases().get(0).verdicts().size());
    ((ObjectNode) record.at("/databases/0")).remove("verdicts");
    assertEquals(
        List.of(),
        READER.treeToValue(record, StatusDocument.class).databases().get(0).verdicts(),
        "a record written before verdicts existed reads as none");
  }

  @Test
  void onlyMigrationsStillPendingKeepTheirVerdict() {
    StatusDocument document =
        record(
            List.of(pending(2)),
            List.of(
                new PendingVerdict("2", "compatible", false, List.of()),
                new PendingVerdict("9", "breaking", false, List.of())));
    assertEquals(
        List.of("2"),
        document.databases().get(0).verdicts().stream()
            .map(StatusDocument.VerdictEntry::version)
            .toList());
  }

  @Test
  void statusShowsTheVerdictsAsAColumnAndInJsonAndYaml() {
    StatusDocument document =
        record(
            List.of(pending(2), pending(3), pending(4)),
            List.of(
                new PendingVerdict("2", "compatible", false, List.of()),
                new PendingVerdict(
                    "3", "breaking", false, List.of("V3__m.sql:1 DROP COLUMN users.email")),
                new PendingVerdict("4", "compatible", true, List.of())));
    ReleaseStatus release =
        new ReleaseStatus(
            "shop-ns",
            "shop",
            4,
            "deployed",
            "shop-1.0.0",
            Optional.of("1.0.0"),
            List.of(),
            List.of(
                new ReleaseStatus.Instance(
                    "shop-chartreuse-status", Optional.of(document), Optional.empty())),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    String table =
        new StatusTable(
                new StatusTable.Style(
                    true, true, io.chartreuse.terminal.Palette.of(false), Instant.now()))
            .render(List.of(release));
    List<String> lines = table.lines().toList();
    int column = lines.get(0).indexOf("VERDICTS");
    assertTrue(column > 0, table);
    assertTrue(lines.get(1).substring(column).startsWith("breaking:1,compatible:2 "), table);

    String json = StructuredOutput.json(List.of(release));
    assertTrue(
        json.contains("\"verdict\":\"breaking\"") || json.contains("\"verdict\" : \"breaking\""),
        json);
    assertTrue(json.contains("V3__m.sql:1 DROP COLUMN users.email"), json);
    String yaml = StructuredOutput.yaml(List.of(release));
    assertTrue(yaml.contains("verdict: \"breaking\"") || yaml.contains("verdict: breaking"), yaml);
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
