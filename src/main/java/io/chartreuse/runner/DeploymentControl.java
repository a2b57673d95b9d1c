package io.chartreuse.runner;

import java.util.List;

/**
 * Stops the release's Deployments before a migration and starts them after, per the mode matrix.
 * The runner calls {@link #stop(String)} only when something is pending, so an up-to-date release
 * is never touched.
 */
public interface DeploymentControl {
  /** One line for the log and the report: what this control will do, or why pod stopping is off. */
  String description();

  /** Checks, before anything is touched, that stopping and starting will be allowed. */
  default void preflight() {}

  /**
   * Stops the Deployments and waits until their pods are gone; returns their names. {@code why}:
   * what the stop is for ({@code migrating default: 2 → 4 (Job x)}), said on each workload.
   */
  List<String> stop(String why);

  /**
   * Brings back what {@link #stop(String)} stopped, as the mode matrix says after a successful
   * migration.
   */
  void startAfterMigration();

  /**
   * Brings back what {@link #stop(String)} stopped after a failed migration that left the schema
   * unchanged.
   */
  void restoreAfterFailure();

  /** Pod stopping switched off, with the reason shown to the user. */
  static DeploymentControl off(String reason) {
    return new DeploymentControl() {
      @Override
      public String description() {
        return "off: " + reason;
      }

      @Override
      public List<String> stop(String why) {
        return List.of();
      }

      @Override
      public void startAfterMigration() {}

      @Override
      public void restoreAfterFailure() {}
    };
  }
}
