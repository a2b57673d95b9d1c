package io.chartreuse.engine.flyway;

import io.chartreuse.engine.PendingMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a pending set into steps PostgreSQL can run: runs of transactional migrations become one
 * all-or-nothing step each, and every migration that must run outside a transaction (CREATE INDEX
 * CONCURRENTLY, VACUUM, …) a step of its own. In the common case there is exactly one step.
 */
final class MigrationBatches {
  private MigrationBatches() {}

  /** A step: its versions, whether it runs in one transaction, and the Flyway target that ends it (none: to head). */
  record Batch(List<String> versions, boolean transactional, Optional<String> target) {}

  static List<Batch> plan(List<PendingMigration> pending) {
    boolean allTransactional = pending.stream().allMatch(PendingMigration::transactional);
    if (allTransactional) {
      return List.of(new Batch(versions(pending), true, Optional.empty()));
    }
    List<Batch> batches = new ArrayList<>();
    List<PendingMigration> run = new ArrayList<>();
    for (PendingMigration migration : pending) {
      if (migration.transactional()) {
        run.add(migration);
        continue;
      }
      if (!run.isEmpty()) {
        batches.add(new Batch(versions(run), true, Optional.of(run.get(run.size() - 1).version())));
        run.clear();
      }
      batches.add(new Batch(List.of(migration.version()), false, Optional.of(migration.version())));
    }
    if (!run.isEmpty()) {
      batches.add(new Batch(versions(run), true, Optional.empty()));
    } else {
      // Repeatable migrations, if any, run after the last versioned step: end on "latest".
      Batch last = batches.remove(batches.size() - 1);
      batches.add(new Batch(last.versions(), last.transactional(), Optional.empty()));
    }
    return batches;
  }

  private static List<String> versions(List<PendingMigration> migrations) {
    return migrations.stream().map(PendingMigration::version).toList();
  }
}
