package io.chartreuse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.terminal.Palette;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status table as a human reads it: widths, ages, wide columns, and colour by meaning. */
class StatusTableTest {
  private static final Instant NOW = Instant.parse("2026-12-01T14:21:30Z");
  private static final String ESC = "\u001b[";

  @Test
  void theDefaultTableFitsA120ColumnTerminalAcrossNamespacesAndWideHasTheRest() {
    List<ReleaseStatus> releases = releases();
    String table = table(false, true, false).render(releases);
    for (String line : table.lines().toList()) {
      assertTrue(line.length() <= 120, line.length() + ": " + line + "\n" + table);
    }
    String header = table.lines().findFirst().orElseThrow();
    assertTrue(header.startsWith("NAMESPACE"), header);
    for (String hidden : List.of("CHART", "ENGINE", "HEAD", "VERDICTS")) {
      assertFalse(header.contains(hidden), header);
    }
    String wide = table(true, true, false).render(releases);
    for (String shown : List.of("CHART", "ENGINE", "CURRENT", "HEAD", "VERDICTS")) {
      assertTrue(wide.lines().findFirst().orElseThrow().contains(shown), wide);
    }
    assertTrue(wide.contains("payments-backend-2.14.3"), wide);
    assertTrue(wide.contains("breaking:1,compatible:2"), wide);

    String oneNamespace = table(false, false, false).render(releases);
    assertTrue(oneNamespace.startsWith("RELEASE"), oneNamespace);
  }

  @Test
  void timesAreAgesAndPendingSaysHowManyStopTheApplication() {
    String table = table(false, true, false).render(releases());
    List<String> lines = table.lines().toList();
    int age = lines.get(0).indexOf("AGE");
    int pending = lines.get(0).indexOf("PENDING");
    assertTrue(lines.get(1).substring(age).startsWith("5m12s "), table);
    assertTrue(lines.get(1).substring(pending).startsWith("3 (1 breaking) "), table);
    assertTrue(lines.get(2).substring(age).startsWith("3d4h "), table);
    assertFalse(table.contains("2026-"), table);
  }

  @Test
  void colourMarksPendingDriftFailuresAndStrandedWithoutMovingAColumn() {
    List<ReleaseStatus> releases = releases();
    String plain = table(true, true, false).render(releases);
    String coloured = table(true, true, true).render(releases);
    assertFalse(plain.contains(ESC), plain);
    assertEquals(plain, coloured.replaceAll("\u001b\\[[0-9;]*m", ""), "same text, same columns");

    String payments = coloured.lines().filter(l -> l.contains("payments")).findFirst().get();
    assertTrue(payments.contains(ESC + "33m3 (1 breaking)"), "pending in yellow: " + payments);
    String billing = coloured.lines().filter(l -> l.contains("billing")).findFirst().get();
    assertTrue(billing.contains(ESC + "31mchecksum:2"), "drift in red: " + billing);
    assertTrue(billing.contains(ESC + "31mfailed"), "a failed run in red: " + billing);
    assertTrue(billing.matches(".*\u001b\\[[0-9;]*mbilling-worker \\+2.*"), "stranded: " + billing);
  }

  private static StatusTable table(boolean wide, boolean namespaces, boolean colour) {
    return new StatusTable(new StatusTable.Style(wide, namespaces, Palette.of(colour), NOW));
  }

  private static List<ReleaseStatus> releases() {
    StatusDocument payments =
        record(
            new StatusDocument.DatabaseEntry(
                "default",
                "postgresql://db:5432/payments",
                "flyway",
                Optional.of("41"),
                Optional.of("44"),
                List.of("42", "43", "44"),
                List.of(
                    verdict("42", "compatible"),
                    verdict("43", "breaking"),
                    verdict("44", "compatible")),
                List.of(),
                Optional.empty(),
                Optional.empty()),
            run("checked", NOW.minus(Duration.ofSeconds(5 * 60 + 12))));
    StatusDocument billing =
        record(
            new StatusDocument.DatabaseEntry(
                "default",
                "postgresql://db:5432/billing",
                "alembic",
                Optional.of("ae1027a6acf1"),
                Optional.of("ae1027a6acf1"),
                List.of(),
                List.of(),
                List.of(new HistoryProblem("checksum", "2", "create users", "edited")),
                Optional.empty(),
                Optional.empty()),
            run("failed", NOW.minus(Duration.ofHours(3 * 24 + 4))));
    return List.of(
        release("payments-prod", "payments-backend", "payments-backend-2.14.3", payments),
        new ReleaseStatus(
            "billing-prod",
            "billing-api",
            27,
            "deployed",
            "billing-api-0.9.1",
            Optional.of("0.9.1"),
            List.of(),
            List.of(
                new ReleaseStatus.Instance(
                    "billing-api-chartreuse-status", Optional.of(billing), Optional.empty())),
            List.of(),
            List.of("billing-worker", "billing-web", "billing-cron"),
            List.of(ReleaseStatus.Finding.STRANDED),
            Optional.empty()));
  }

  private static ReleaseStatus release(
      String namespace, String name, String chart, StatusDocument record) {
    return new ReleaseStatus(
        namespace,
        name,
        142,
        "deployed",
        chart,
        Optional.of("2.14.3"),
        List.of(),
        List.of(
            new ReleaseStatus.Instance(
                name + "-chartreuse-status", Optional.of(record), Optional.empty())),
        List.of(),
        List.of(),
        List.of(ReleaseStatus.Finding.PENDING),
        Optional.empty());
  }

  private static StatusDocument.VerdictEntry verdict(String version, String verdict) {
    return new StatusDocument.VerdictEntry(version, verdict, false, List.of());
  }

  private static StatusDocument.LastRun run(String outcome, Instant finished) {
    return new StatusDocument.LastRun(
        finished.minusSeconds(20),
        Optional.of(finished),
        outcome,
        List.of(),
        Optional.of("migrate"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static StatusDocument record(
      StatusDocument.DatabaseEntry database, StatusDocument.LastRun run) {
    return new StatusDocument(
        StatusDocument.SCHEMA_VERSION, "0.1.0", "x", NOW, List.of(database), run);
  }
}
