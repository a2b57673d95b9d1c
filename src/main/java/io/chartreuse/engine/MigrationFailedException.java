package io.chartreuse.engine;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.util.List;

/**
 * A migration failed: which one, and the database's error, in one line (no secrets: SQL errors
 * carry none).
 */
public class MigrationFailedException extends ChartreuseException {
  private final String failedMigration;
  private final List<String> appliedBeforeFailure;

  public MigrationFailedException(
      String failedMigration, String error, List<String> appliedBeforeFailure) {
    this(
        failedMigration,
        "migration " + failedMigration + " failed: " + error,
        appliedBeforeFailure,
        true);
  }

  private MigrationFailedException(
      String failedMigration, String message, List<String> appliedBeforeFailure, boolean ignored) {
    super(ExitCode.ERROR, message);
    this.failedMigration = failedMigration;
    this.appliedBeforeFailure = List.copyOf(appliedBeforeFailure);
  }

  /**
   * The tool failed outside any migration (its setup, a missing driver, its own code after them):
   * none is to blame.
   */
  public static MigrationFailedException beforeAnyMigration(String message) {
    return beforeAnyMigration(message, List.of());
  }

  public static MigrationFailedException beforeAnyMigration(
      String message, List<String> appliedBeforeFailure) {
    return new MigrationFailedException("", message, appliedBeforeFailure, true);
  }

  /** The failing migration; empty when none ran. */
  public String failedMigration() {
    return failedMigration;
  }

  /**
   * Migrations committed before the failure (only where a non-transactional step split the run).
   */
  public List<String> appliedBeforeFailure() {
    return appliedBeforeFailure;
  }
}
