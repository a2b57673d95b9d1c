package io.chartreuse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.DatabaseStatus;
import io.chartreuse.report.JsonReport;
import io.chartreuse.report.Outcome;
import io.chartreuse.report.RunReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/argocd/status-configmap-health.lua in Debian's Lua 5.4, against status records rendered by
 * the runner's own code for each outcome, given to it as Argo CD gives a ConfigMap ({@code obj});
 * and the kstatus conditions of those records.
 */
class ArgoCdHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BASEDIR = Path.of(System.getProperty("chartreuse.basedir", "."));
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path temp;

  private static String record(Outcome outcome, Optional<String> error, List<String> pending) {
    DatabaseReport database =
        new DatabaseReport(
            "default",
            "db:5432/app",
            "flyway",
            DatabaseStatus.MIGRATED,
            Optional.of("1"),
            Optional.of("2"),
            Optional.of("3"),
            pending.stream()
                .map(v -> new io.chartreuse.engine.PendingMigration(v, "d", "V" + v, true))
                .toList(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            error);
    RunReport report =
        new RunReport(
            "0.1.0",
            AT,
            AT,
            outcome,
            "off",
            List.of(),
            Duration.ZERO,
            Duration.ZERO,
            List.of(database),
            error);
    return new JsonReport()
        .render(
            StatusDocument.finished(
                report, "shop", Optional.empty(), Optional.empty(), Optional.empty()));
  }

  @Test
  void eachOutcomeHasItsHealthAndItsConditions() throws Exception {
    String quoted = "relation \"orders\" does not exist; see \\ the log";
    Map<String, List<String>> expected =
        Map.of(
            record(Outcome.MIGRATED, Optional.empty(), List.of()),
            List.of("Healthy", "last run: migrated", "Ready=True/Migrated"),
            record(Outcome.UP_TO_DATE, Optional.empty(), List.of()),
            List.of("Healthy", "last run: up-to-date", "Ready=True/UpToDate"),
            record(Outcome.CHECKED, Optional.empty(), List.of("4")),
            List.of("Healthy", "last run: checked", "Ready=False/PendingMigrations"),
            record(Outcome.FAILED, Optional.of(quoted), List.of("3")),
            List.of(
                "Degraded",
                "last run: failed: relation \\\"orders\\\" does not exist; see \\\\ the log",
                "Stalled=True/MigrationFailed"),
            record(Outcome.DRIFT, Optional.of("live schema drift found"), List.of()),
            List.of("Degraded", "last run: drift: live schema drift found", "Stalled=True/Drift"),
            record(Outcome.TIMED_OUT, Optional.of("lock not acquired"), List.of()),
            List.of("Degraded", "last run: timed-out: lock not acquired", "Stalled=True/TimedOut"),
            new JsonReport()
                .render(
                    StatusDocument.running(
                        "0.1.0", "shop", List.of(), AT, Optional.of("job"), Optional.empty())),
            List.of("Progressing", "migration running", "Reconciling=True/Migrating"));
    for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
      JsonNode record = JSON.readTree(entry.getKey());
      var errors =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(Files.readString(BASEDIR.resolve("docs/status-record.schema.json")))
              .validate(record);
      assertTrue(errors.isEmpty(), errors + "\n" + entry.getKey());
      List<String> health = health(chartreuseConfigMap(entry.getKey()));
      assertEquals(entry.getValue().subList(0, 2), health, entry.getKey());
      assertTrue(conditions(record).contains(entry.getValue().get(2)), record.toPrettyString());
      assertEquals(3, record.get("conditions").size());
    }
  }

  @Test
  void aRecordWrittenBeforeConditionsGetsThemWhenReadAndOtherConfigMapsAreHealthy()
      throws Exception {
    ObjectNode old =
        (ObjectNode) JSON.readTree(record(Outcome.FAILED, Optional.of("boom"), List.of()));
    old.remove("conditions");
    StatusDocument read = io.chartreuse.record.StatusConfigMap.parse(old.toString()).orElseThrow();
    assertEquals("Stalled", read.conditions().get(2).type());
    assertEquals("True", read.conditions().get(2).status());
    assertEquals("boom", read.conditions().get(2).message());
    assertEquals(
        List.of("Degraded", "last run: failed: boom"), health(chartreuseConfigMap(old.toString())));

    assertEquals(
        List.of("Healthy", ""),
        health(
            "{metadata = {name = \"app-config\", labels = {app = \"web\"}}, data = {a = \"b\"}}"));
    assertEquals(
        List.of("Unknown", "the status record has no last_run.outcome"),
        health(chartreuseConfigMap("{\"schema_version\": 1}")));
  }

  private static List<String> conditions(JsonNode record) {
    List<String> found = new ArrayList<>();
    record
        .get("conditions")
        .forEach(
            c ->
                found.add(
                    c.get("type").asText()
                        + "="
                        + c.get("status").asText()
                        + "/"
                        + c.get("reason").asText()));
    return found;
  }

  /** The ConfigMap as Argo CD hands it to the script: a Lua table named obj. */
  private static String chartreuseConfigMap(String statusJson) {
    return "{metadata = {name = \"shop-chartreuse-status\", labels = {"
        + "[\"app.kubernetes.io/managed-by\"] = \"chartreuse\"}},"
        + " data = {[\"status.json\"] = [==["
        + statusJson
        + "]==]}}";
  }

  private List<String> health(String luaObject) throws Exception {
    String check = Files.readString(BASEDIR.resolve("docs/argocd/status-configmap-health.lua"));
    Path script = temp.resolve("health.lua");
    Files.writeString(
        script,
        "obj = "
            + luaObject
            + "\nlocal function health()\n"
            + check
            + "\nend\nlocal hs = health()\nio.write(hs.status, \"\\n\", hs.message, \"\\n\")\n");
    Process lua = new ProcessBuilder("lua5.4", script.toString()).redirectErrorStream(true).start();
    String output = new String(lua.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(lua.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, lua.exitValue(), output);
    return output.lines().toList().size() == 1
        ? List.of(output.strip(), "")
        : List.of(output.lines().toList().get(0), output.lines().toList().get(1));
  }
}
