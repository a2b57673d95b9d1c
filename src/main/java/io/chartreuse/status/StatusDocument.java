package io.chartreuse.status;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.PendingVerdict;
import io.chartreuse.report.RunReport;
import io.chartreuse.schema.diff.Difference;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runner's status record ({@code status.json} of the {@code <fullname>-status} ConfigMap), read
 * by {@code chartreuse status} and usable by an Argo CD health check. Schema:
 * docs/status-record.schema.json.
 */
public record StatusDocument(
    int schemaVersion,
    String runnerVersion,
    String release,
    Instant updatedAt,
    List<DatabaseEntry> databases,
    LastRun lastRun,
    List<Condition> conditions) {
  public static final int SCHEMA_VERSION = 1;

  public StatusDocument {
    // Records written before conditions existed have none: derived from their last run.
    conditions =
        conditions == null && lastRun != null && databases != null
            ? Condition.of(lastRun, databases, updatedAt)
            : conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** A record whose kstatus conditions are derived from its last run. */
  public StatusDocument(
      int schemaVersion,
      String runnerVersion,
      String release,
      Instant updatedAt,
      List<DatabaseEntry> databases,
      LastRun lastRun) {
    this(schemaVersion, runnerVersion, release, updatedAt, databases, lastRun, null);
  }

  /**
   * One database as last seen: revisions, what is pending and the verdict on each pending migration
   * the run classified, history drift findings, and live-schema drift (absent in records written
   * before it existed, or when the schema matched).
   */
  public record DatabaseEntry(
      String name,
      String location,
      String engine,
      Optional<String> current,
      Optional<String> head,
      List<String> pending,
      List<VerdictEntry> verdicts,
      List<HistoryProblem> drift,
      Optional<SchemaDrift> schemaDrift,
      Optional<Misclassified> misclassified) {
    public DatabaseEntry {
      // Records written before these existed have none.
      misclassified = misclassified == null ? Optional.empty() : misclassified;
      verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }
  }

  /**
   * The verdict on one pending migration, bounded: at most {@link #KEPT} migrations per database
   * and {@link #REASONS} reasons each, every reason cut at {@link #REASON_LENGTH} characters (the
   * full list is in the run's log and report).
   */
  public record VerdictEntry(
      String version, String verdict, boolean declared, List<String> reasons) {
    static final int KEPT = 20;
    static final int REASONS = 3;
    static final int REASON_LENGTH = 300;

    static List<VerdictEntry> of(List<PendingVerdict> verdicts, List<String> pending) {
      return verdicts.stream()
          .filter(v -> pending.contains(v.version()))
          .limit(KEPT)
          .map(
              v ->
                  new VerdictEntry(
                      v.version(),
                      v.verdict(),
                      v.declared(),
                      v.reasons().stream().limit(REASONS).map(VerdictEntry::cut).toList()))
          .toList();
    }

    private static String cut(String reason) {
      return reason.length() <= REASON_LENGTH
          ? reason
          : reason.substring(0, REASON_LENGTH - 3) + "...";
    }
  }

  /**
   * Live-schema drift, bounded: how many differences and the first ones; the full list is in the
   * run's report.
   */
  public record SchemaDrift(int count, List<String> first) {
    static final int KEPT = 10;

    static Optional<SchemaDrift> of(List<Difference> differences) {
      return differences.isEmpty()
          ? Optional.empty()
          : Optional.of(
              new SchemaDrift(
                  differences.size(),
                  differences.stream().limit(KEPT).map(Difference::describe).toList()));
    }
  }

  /**
   * A migration that ran with the application up because every verdict said compatible, but changed
   * the schema in a way that breaks running code: how many such changes and the first ones.
   */
  public record Misclassified(int count, List<String> first) {
    static final int KEPT = 10;

    static Optional<Misclassified> of(List<String> changes) {
      return changes.isEmpty()
          ? Optional.empty()
          : Optional.of(new Misclassified(changes.size(), changes.stream().limit(KEPT).toList()));
    }
  }

  /**
   * The last run: when, how it ended, what it stopped, which Job, and what to do after a failure.
   */
  public record LastRun(
      Instant startedAt,
      Optional<Instant> finishedAt,
      String outcome,
      List<String> stoppedDeployments,
      Optional<String> job,
      Optional<String> pod,
      Optional<String> error,
      Optional<String> restoreHint) {}

  public static StatusDocument running(
      String version,
      String release,
      List<DatabaseEntry> previous,
      Instant startedAt,
      Optional<String> job,
      Optional<String> pod) {
    return new StatusDocument(
        SCHEMA_VERSION,
        version,
        release,
        startedAt,
        previous,
        new LastRun(
            startedAt,
            Optional.empty(),
            "running",
            List.of(),
            job,
            pod,
            Optional.empty(),
            Optional.empty()));
  }

  public static StatusDocument finished(
      RunReport report,
      String release,
      Optional<String> job,
      Optional<String> pod,
      Optional<String> restoreHint) {
    List<DatabaseEntry> databases = report.databases().stream().map(StatusDocument::entry).toList();
    return new StatusDocument(
        SCHEMA_VERSION,
        report.runnerVersion(),
        release,
        report.finishedAt(),
        databases,
        new LastRun(
            report.startedAt(),
            Optional.of(report.finishedAt()),
            report.outcome().toString(),
            report.stoppedDeployments(),
            job,
            pod,
            report.error(),
            restoreHint));
  }

  private static DatabaseEntry entry(DatabaseReport database) {
    List<String> pending =
        database.applied().isEmpty() && database.currentAfter().isEmpty()
            ? database.pending().stream().map(PendingMigration::version).toList()
            : database.pending().stream()
                .map(PendingMigration::version)
                .filter(v -> !database.applied().contains(v))
                .toList();
    return new DatabaseEntry(
        database.name(),
        database.location(),
        database.engine(),
        database.currentAfter().or(database::currentBefore),
        database.head(),
        pending,
        VerdictEntry.of(database.verdicts(), pending),
        database.problems(),
        SchemaDrift.of(database.schemaDrift()),
        Misclassified.of(database.misclassified()));
  }
}
