package io.chartreuse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.schema.diff.Change;
import io.chartreuse.schema.diff.Difference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run report as a person reads it at the end of {@code chartreuse run}. */
class TextReportTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private static RunReport report(
      Outcome outcome, List<String> stopped, Optional<String> error, DatabaseReport... databases) {
    return new RunReport(
        "0.1.0",
        START,
        START.plusMillis(4_250),
        outcome,
        "on",
        stopped,
        Duration.ofMillis(1_500),
        Duration.ofMillis(700),
        List.of(databases),
        error);
  }

  @Test
  void aMigrationNamesWhatItAppliedWhatRanOutsideATransactionAndTheDowntime() {
    DatabaseReport shop =
        new DatabaseReport(
            "default",
            "db:5432/shop",
            "flyway",
            DatabaseStatus.MIGRATED,
            Optional.of("1"),
            Optional.of("3"),
            Optional.of("3"),
            List.of(),
            List.of(),
            List.of("2", "3"),
            List.of("3"),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    assertEquals(
        String.join(
            "\n",
            "default (db:5432/shop, flyway): migrated",
            "  current 3, head 3",
            "  applied 2, 3",
            "  ran outside a transaction: 3",
            "pod stopping: on",
            "stopped web, worker: 1.5 s to stop, 0.7 s to start again",
            "outcome: migrated (exit 0) in 4.3 s",
            ""),
        new TextReport()
            .render(report(Outcome.MIGRATED, List.of("web", "worker"), Optional.empty(), shop)));
  }

  @Test
  void driftListsEveryProblemAndPendingVersions() {
    DatabaseReport shop =
        new DatabaseReport(
            "orders",
            "db:5432/orders",
            "flyway",
            DatabaseStatus.DRIFT,
            Optional.of("2"),
            Optional.empty(),
            Optional.of("4"),
            List.of(
                new PendingMigration("3", "add index", "V3__add_index.sql", true),
                new PendingMigration("4", "seed", "V4__seed.sql", true)),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new HistoryProblem(
                    "checksum-mismatch", "2", "create orders", "edited after it was applied")),
            List.of(),
            List.of(),
            Optional.of("history drift"));
    assertEquals(
        String.join(
            "\n",
            "orders (db:5432/orders, flyway): drift",
            "  current 2, head 4",
            "  pending 3, 4",
            "  drift: checksum-mismatch 2 (create orders): edited after it was applied",
            "  error: history drift",
            "pod stopping: on",
            "outcome: drift (exit 4) in 4.3 s",
            "error: refused",
            ""),
        new TextReport().render(report(Outcome.DRIFT, List.of(), Optional.of("refused"), shop)));
  }

  @Test
  void eachClassifiedPendingMigrationShowsItsVerdict() {
    DatabaseReport shop =
        new DatabaseReport(
            "default",
            "db:5432/shop",
            "flyway",
            DatabaseStatus.PENDING,
            Optional.of("1"),
            Optional.empty(),
            Optional.of("3"),
            List.of(
                new PendingMigration("2", "add name", "V2__add_name.sql", true),
                new PendingMigration("3", "drop email", "V3__drop_email.sql", true)),
            List.of(
                new PendingVerdict("2", "compatible", true, List.of()),
                new PendingVerdict("3", "breaking", false, List.of("V3__drop_email.sql:1 …"))),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    assertEquals(
        List.of("  pending 2, 3", "  verdict 2 compatible (declared)", "  verdict 3 breaking"),
        new TextReport()
            .render(report(Outcome.CHECKED, List.of(), Optional.empty(), shop))
            .lines()
            .toList()
            .subList(2, 5));
  }

  @Test
  void anEmptyHistoryShowsNone() {
    DatabaseReport fresh =
        new DatabaseReport(
            "default",
            "db:5432/app",
            "alembic",
            DatabaseStatus.UP_TO_DATE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    assertEquals(
        "  current <none>, head <none>",
        new TextReport()
            .render(report(Outcome.UP_TO_DATE, List.of(), Optional.empty(), fresh))
            .lines()
            .toList()
            .get(1));
  }

  @Test
  void liveSchemaDriftIsOneLinePerFinding() {
    Difference type =
        new Difference(
            "column",
            "public.orders.total",
            Change.CHANGED,
            Optional.of("type"),
            Optional.of("numeric(10,2)"),
            Optional.of("numeric(12,2)"));
    Difference index =
        new Difference(
            "index",
            "public.orders_status_idx",
            Change.MISSING,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    DatabaseReport shop =
        new DatabaseReport(
            "default",
            "db:5432/shop",
            "flyway",
            DatabaseStatus.DRIFT,
            Optional.of("2"),
            Optional.empty(),
            Optional.of("2"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(type, index),
            List.of(),
            Optional.empty());
    List<String> lines =
        new TextReport()
            .render(report(Outcome.DRIFT, List.of(), Optional.empty(), shop))
            .lines()
            .toList();
    assertEquals(
        List.of(
            "  schema drift: column public.orders.total: type numeric(10,2) -> numeric(12,2)",
            "  schema drift: index public.orders_status_idx: missing"),
        lines.subList(2, 4));
  }
}
