package io.chartreuse.engine.flyway;

import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.MigrationFailedException;
import io.chartreuse.engine.MigrationResult;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies a pending set step by step (see {@link MigrationBatches}): one Flyway migrate per step,
 * the repeatable migrations kept for the last one, and each non-transactional step first checked
 * for what a killed run may have left ({@link InterruptedIndexes}).
 */
final class StepwiseMigration {
  private final Supplier<FluentConfiguration> configurations;
  private final InterruptedIndexes interrupted;
  private final Log log;

  StepwiseMigration(
      Supplier<FluentConfiguration> configurations, InterruptedIndexes interrupted, Log log) {
    this.configurations = configurations;
    this.interrupted = interrupted;
    this.log = log;
  }

  MigrationResult migrate(Inspection before) {
    Instant start = Instant.now();
    List<String> applied = new ArrayList<>();
    List<MigrationBatches.Batch> batches = MigrationBatches.plan(before.pending());
    List<String> ungrouped =
        batches.stream()
            .filter(b -> !b.transactional())
            .flatMap(b -> b.versions().stream())
            .toList();
    if (!ungrouped.isEmpty()) {
      log.warn(
          "PostgreSQL cannot run "
              + String.join(", ", ungrouped)
              + " inside a transaction: migrating in "
              + batches.size()
              + " steps, each transactional step all-or-nothing");
    }
    // One scan for every step of a split run, which also keeps repeatable migrations for the last
    // step.
    StepProviders providers = batches.size() > 1 ? new StepProviders(configurations.get()) : null;
    for (MigrationBatches.Batch batch : batches) {
      FluentConfiguration configuration =
          configurations.get().group(batch.transactional()).mixed(!batch.transactional());
      batch.target().ifPresent(configuration::target);
      if (providers != null) {
        providers.apply(configuration, batch.includesRepeatables());
      }
      if (!batch.transactional() && alreadyDone(batch, before, configuration, applied)) {
        configuration.skipExecutingMigrations(true).target(batch.versions().get(0));
      }
      try {
        configuration.load().migrate();
      } catch (FlywayException e) {
        log.debug("flyway failure: " + e.getMessage());
        FailureSummary failure = FailureSummary.of(e, batch.versions());
        throw new MigrationFailedException(failure.migration(), failure.error(), applied);
      }
      applied.addAll(batch.versions());
    }
    return new MigrationResult(applied, ungrouped, Duration.between(start, Instant.now()));
  }

  /**
   * A non-transactional step whose work a killed run already did: true when only its history row is
   * missing.
   */
  private boolean alreadyDone(
      MigrationBatches.Batch batch,
      Inspection before,
      FluentConfiguration configuration,
      List<String> applied) {
    if (batch.versions().size() != 1
        || batch.versions().get(0).startsWith(FlywayEngine.REPEATABLE)) {
      return false;
    }
    PendingMigration migration =
        before.pending().stream()
            .filter(p -> p.version().equals(batch.versions().get(0)))
            .findFirst()
            .orElseThrow();
    Optional<List<String>> statements =
        MigrationScript.statements(configuration, migration.script());
    try {
      return statements.isPresent()
          && interrupted.alreadyDone(migration.script(), statements.get());
    } catch (ChartreuseException e) {
      throw new MigrationFailedException(migration.script(), e.getMessage(), applied);
    }
  }
}
