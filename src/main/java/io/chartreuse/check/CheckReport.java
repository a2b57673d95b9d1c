package io.chartreuse.check;

import io.chartreuse.compat.MigrationVerdict;
import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.schema.diff.Difference;
import java.util.List;
import java.util.Optional;

/**
 * What {@code chartreuse check} found on one database. {@code verdicts}: the compatibility verdict
 * on each pending migration, in the same order (docs/compatibility.md). {@code schemaReference}
 * says what the live schema was compared with (the stored snapshot, a shadow replay, or nothing),
 * in words.
 */
public record CheckReport(
    String location,
    String engine,
    Optional<String> current,
    Optional<String> head,
    List<PendingMigration> pending,
    List<PendingVerdict> verdicts,
    List<HistoryProblem> historyDrift,
    String schemaReference,
    List<Difference> schemaDrift,
    int exitCode) {
  public CheckReport {
    pending = List.copyOf(pending);
    verdicts = List.copyOf(verdicts);
    historyDrift = List.copyOf(historyDrift);
    schemaDrift = List.copyOf(schemaDrift);
  }

  /**
   * One pending migration's verdict as a reviewer reads it; {@code shadow}: what its schema diff on
   * the {@code --shadow-url} database said (ShadowVerdicts).
   */
  public record PendingVerdict(
      String version,
      String verdict,
      boolean declared,
      List<String> reasons,
      Optional<String> shadow) {
    static PendingVerdict of(MigrationVerdict verdict) {
      return new PendingVerdict(
          verdict.version(),
          verdict.verdict().toString(),
          verdict.declared(),
          verdict.reasons(),
          Optional.empty());
    }

    PendingVerdict withShadow(String said) {
      return new PendingVerdict(version, verdict, declared, reasons, Optional.of(said));
    }

    /** {@code compatible}, {@code breaking (declared)}. */
    String word() {
      return verdict + (declared ? " (declared)" : "");
    }
  }

  /** The verdict on a pending migration, if it was classified. */
  Optional<PendingVerdict> verdictOf(PendingMigration migration) {
    return verdicts.stream().filter(v -> v.version().equals(migration.version())).findFirst();
  }

  /** Drift before pending: a drifted database is the worse news. */
  static ExitCode exitFor(boolean pending, boolean drift, CheckOptions options) {
    if (drift && options.failOnDrift()) {
      return ExitCode.DRIFT;
    }
    return pending && options.failOnPending() ? ExitCode.PENDING : ExitCode.OK;
  }
}
