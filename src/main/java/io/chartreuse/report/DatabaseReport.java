package io.chartreuse.report;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.schema.diff.Difference;
import java.util.List;
import java.util.Optional;

/**
 * One database's part of the run report. {@code location} is host:port/database, never credentials;
 * {@code schemaDrift} is how the live schema differed from the stored snapshot before migrating;
 * {@code verdicts}, the compatibility verdict on each pending migration the run classified (none
 * with the stop policy {@code always}, see docs/compatibility.md); {@code misclassified}, the
 * changes that break running code made by a migration that ran with the application up because
 * every verdict said compatible.
 */
public record DatabaseReport(
    String name,
    String location,
    String engine,
    DatabaseStatus status,
    Optional<String> currentBefore,
    Optional<String> currentAfter,
    Optional<String> head,
    List<PendingMigration> pending,
    List<PendingVerdict> verdicts,
    List<String> applied,
    List<String> ungrouped,
    List<HistoryProblem> problems,
    List<Difference> schemaDrift,
    List<String> misclassified,
    Optional<String> error) {

  public DatabaseReport {
    pending = List.copyOf(pending);
    verdicts = List.copyOf(verdicts);
    applied = List.copyOf(applied);
    ungrouped = List.copyOf(ungrouped);
    problems = List.copyOf(problems);
    schemaDrift = List.copyOf(schemaDrift);
    misclassified = List.copyOf(misclassified);
  }
}
