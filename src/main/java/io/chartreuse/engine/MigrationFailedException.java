package io.chartreuse.engine;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.util.List;

/** A migration failed: which one, and the database's error, in one line (no secrets: SQL errors carry none). */
public class MigrationFailedException extends ChartreuseException {
  private final String failedMigration;
  private final List<String> appliedBeforeFailure;

  public MigrationFailedException(String failedMigration, String error, List<String> appliedBeforeFailure) {
    super(ExitCode.ERROR, "migration " + failedMigration + " failed: " + error);
    this.failedMigration = failedMigration;
    this.appliedBeforeFailure = List.copyOf(appliedBeforeFailure);
  }

  public String failedMigration() {
    return failedMigration;
  }

  /** Migrations committed before the failure (only where a non-transactional step split the run). */
  public List<String> appliedBeforeFailure() {
    return appliedBeforeFailure;
  }
}
