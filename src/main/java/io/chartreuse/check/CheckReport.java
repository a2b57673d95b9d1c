package io.chartreuse.check;

import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.schema.diff.Difference;
import java.util.List;
import java.util.Optional;

/**
 * What {@code chartreuse check} found on one database. {@code schemaReference} says what the live
 * schema was compared with (the stored snapshot, a shadow replay, or nothing), in words.
 */
public record CheckReport(
    String location,
    String engine,
    Optional<String> current,
    Optional<String> head,
    List<PendingMigration> pending,
    List<HistoryProblem> historyDrift,
    String schemaReference,
    List<Difference> schemaDrift,
    int exitCode) {
  public CheckReport {
    pending = List.copyOf(pending);
    historyDrift = List.copyOf(historyDrift);
    schemaDrift = List.copyOf(schemaDrift);
  }

  /** Drift before pending: a drifted database is the worse news. */
  static ExitCode exitFor(boolean pending, boolean drift, CheckOptions options) {
    if (drift && options.failOnDrift()) {
      return ExitCode.DRIFT;
    }
    return pending && options.failOnPending() ? ExitCode.PENDING : ExitCode.OK;
  }
}
