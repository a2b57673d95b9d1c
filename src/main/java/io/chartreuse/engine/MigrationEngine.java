package io.chartreuse.engine;

import java.util.Optional;

/** What the runner needs from a migration tool; one instance per database, used under its lock. */
public interface MigrationEngine {
  /** Reads the applied history and the migration files; changes nothing. */
  Inspection inspect();

  /**
   * Applies every pending migration of {@code before}. Throws {@link MigrationFailedException}
   * naming the failing migration; the caller re-inspects to learn the version actually reached.
   */
  MigrationResult migrate(Inspection before);

  /**
   * The state after {@code migrate(before)} succeeded, to verify the head was reached; by default a
   * full inspection.
   */
  default Inspection afterMigration(Inspection before) {
    return inspect();
  }

  /**
   * Applies the migrations, into this engine's database (an empty scratch one), up to {@code
   * current}: the version another database records, as its inspection reported it. The shadow of
   * {@code check --shadow-url}; nothing when {@code current} is empty.
   */
  void replayTo(Optional<String> current);
}
