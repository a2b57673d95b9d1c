package io.chartreuse.engine.flyway;

import io.chartreuse.engine.PendingMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a pending set into steps PostgreSQL can run: runs of transactional versioned migrations
 * become one all-or-nothing step each, and every migration that must run outside a transaction
 * (CREATE INDEX CONCURRENTLY, VACUUM, …) a step of its own. Repeatable migrations run once, in the
 * last step, after every versioned migration of the run, as Flyway's own migrate orders them: a
 * step that ends on a target version hides them (see {@link StepProviders}). In the common case
 * there is exactly one step.
 */
final class MigrationBatches {
  private MigrationBatches() {}

  /**
   * A step: its migrations, whether it runs in one transaction, and the Flyway target that ends it;
   * only the last step has none (to head), and only it applies the pending repeatable migrations.
   */
  record Batch(List<String> versions, boolean transactional, Optional<String> target) {
    boolean includesRepeatables() {
      return target.isEmpty();
    }
  }

  static List<Batch> plan(List<PendingMigration> pending) {
    if (pending.stream().allMatch(PendingMigration::transactional)) {
      return List.of(new Batch(versions(pending), true, Optional.empty()));
    }
    List<PendingMigration> repeatables =
        pending.stream().filter(MigrationBatches::repeatable).toList();
    List<Batch> batches = new ArrayList<>();
    List<PendingMigration> run = new ArrayList<>();
    for (PendingMigration migration : pending) {
      if (repeatable(migration)) {
        continue;
      }
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
      // The last versioned run and the repeatables share one transaction, as in an unsplit run.
      List<PendingMigration> last = new ArrayList<>(run);
      last.addAll(repeatables);
      batches.add(
          new Batch(
              versions(last),
              last.stream().allMatch(PendingMigration::transactional),
              Optional.empty()));
    } else if (!repeatables.isEmpty()) {
      batches.add(
          new Batch(
              versions(repeatables),
              repeatables.stream().allMatch(PendingMigration::transactional),
              Optional.empty()));
    } else {
      Batch last = batches.remove(batches.size() - 1);
      batches.add(new Batch(last.versions(), last.transactional(), Optional.empty()));
    }
    return batches;
  }

  static boolean repeatable(PendingMigration migration) {
    return migration.version().startsWith(FlywayEngine.REPEATABLE);
  }

  private static List<String> versions(List<PendingMigration> migrations) {
    return migrations.stream().map(PendingMigration::version).toList();
  }
}
