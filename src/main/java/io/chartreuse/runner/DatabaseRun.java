package io.chartreuse.runner;

import io.chartreuse.compat.MigrationVerdict;
import io.chartreuse.compat.PendingVerdicts;
import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.DatabaseWait;
import io.chartreuse.db.MigrationLock;
import io.chartreuse.db.OrphanedStatements;
import io.chartreuse.db.ReadinessProbe;
import io.chartreuse.db.SessionDataSource;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.MigrationEngine;
import io.chartreuse.engine.MigrationFailedException;
import io.chartreuse.engine.MigrationResult;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.live.LiveMigration;
import io.chartreuse.log.Log;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.DatabaseStatus;
import io.chartreuse.report.PendingVerdict;
import io.chartreuse.schema.SchemaSnapshot;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One database through a run: reach it, lock it, inspect it, migrate it; remembers what happened
 * for the report.
 */
final class DatabaseRun implements AutoCloseable {
  private final DatabaseTarget target;
  private final ConnectionFactory connections;
  private final Log log;
  private final Clock clock;
  private MigrationEngine engine;
  private MigrationLock.Held lock;
  private DatabaseStatus status = DatabaseStatus.NOT_REACHED;
  private Inspection before;
  private Inspection after;
  private MigrationResult result;
  private String error;
  private SchemaWatch schema;
  private List<MigrationVerdict> verdicts = List.of();
  private List<String> misclassified = List.of();

  DatabaseRun(DatabaseTarget target, String applicationName, Log log, Clock clock) {
    this.target = target;
    this.connections = new ConnectionFactory(target.url(), applicationName);
    this.log = log;
    this.clock = clock;
  }

  /**
   * Waits for the database, takes its lock, and probes its roles if asked. The connection that
   * answered the wait becomes the session that holds the lock and that the engine inspects and
   * migrates with; the lock owns it from then on, and {@link #close} releases both, also when the
   * probe fails.
   */
  void open(RunnerConfig config) {
    Connection session =
        new DatabaseWait(connections, log, clock).await(config.timeouts().databaseWait());
    lock = new MigrationLock(connections, log, clock).acquire(session, config.timeouts().lock());
    new OrphanedStatements(connections, log, clock)
        .await(lock.connection(), config.timeouts().lock());
    if (target.readinessProbe()) {
      new ReadinessProbe(connections, config.readinessProbe(), log, clock).await();
    }
    engine =
        EngineFactory.create(target, connections, new SessionDataSource(lock.connection()), log);
    schema = new SchemaWatch(target.name(), config.schemaDrift(), log);
  }

  Inspection inspect() {
    before = engine.inspect();
    status = before.upToDate() ? DatabaseStatus.UP_TO_DATE : DatabaseStatus.PENDING;
    log.info(
        target.name()
            + ": current "
            + before.current().orElse("<none>")
            + ", head "
            + before.head().orElse("<none>")
            + ", "
            + before.pending().size()
            + " pending",
        Map.of("database", connections.url().display(), "engine", target.engine().toString()));
    boolean nonTransactionalPending =
        before.pending().stream().anyMatch(pending -> !pending.transactional());
    schema.inspect(lock.connection(), before.current(), nonTransactionalPending);
    return before;
  }

  /** The live schema differs from the snapshot stored after the last successful run. */
  boolean hasSchemaDrift() {
    return !schema.drift().isEmpty();
  }

  /**
   * At head without migrating: stores a first snapshot, or the drifted schema a run was allowed to
   * accept.
   */
  void storeSchemaIfAtHead() {
    if (before.upToDate() && status != DatabaseStatus.FAILED) {
      schema.storeIfNeeded(lock.connection(), before.current());
    }
  }

  String name() {
    return target.name();
  }

  /** {@code default: 2 → 4} (from empty: {@code default: → 4}), for the Events on workloads. */
  String range() {
    return target.name()
        + ": "
        + before.current().map(c -> c + " ").orElse("")
        + "→ "
        + before.head().orElse("?");
  }

  int pendingCount() {
    return before.pending().size();
  }

  boolean hasPending() {
    return before != null && !before.upToDate();
  }

  /**
   * The verdict on each pending migration (docs/compatibility.md), each logged with its reasons;
   * {@code untilBreaking}: only up to the first that stops the application.
   */
  List<MigrationVerdict> verdicts(boolean untilBreaking) {
    verdicts = PendingVerdicts.of(target, before, untilBreaking);
    for (MigrationVerdict verdict : verdicts) {
      log.info(target.name() + ": " + verdict.summary());
      verdict.reasons().forEach(reason -> log.info(target.name() + ":   " + reason));
    }
    int rest = before.pending().size() - verdicts.size();
    if (rest > 0) {
      log.info(
          target.name()
              + ": "
              + rest
              + " later pending migration(s) not classified: the application is stopped anyway");
    }
    return verdicts;
  }

  void markDrift() {
    status = DatabaseStatus.DRIFT;
  }

  /** Applies the empty-database rule; true when the database should be migrated. */
  boolean needsMigration() {
    if (before.upToDate()) {
      return false;
    }
    if (before.empty() && !target.allowEmptyDatabase()) {
      log.info(
          target.name()
              + ": database is not populated yet but migration for an empty database is forbidden, not upgrading");
      status = DatabaseStatus.SKIPPED_EMPTY;
      return false;
    }
    return true;
  }

  /**
   * {@code liveLockTimeout}: present when the application keeps running; each statement then waits
   * at most that long for its lock, and the migration is retried (io.chartreuse.live). Alembic runs
   * in its own process, which this cannot reach yet: there it only warns.
   */
  void migrate(Optional<Duration> liveLockTimeout) {
    log.info(
        target.name()
            + ": applying "
            + before.pending().size()
            + " migration(s) to "
            + connections.url().display());
    boolean live =
        liveLockTimeout.isPresent() && target.engine() == io.chartreuse.config.EngineKind.FLYWAY;
    if (liveLockTimeout.isPresent() && !live) {
      log.warn(
          target.name()
              + ": Alembic migrations run without lock_timeout: a statement may queue behind the application's transactions");
    }
    try {
      result =
          live
              ? new LiveMigration(
                      engine, lock.connection(), connections, liveLockTimeout.get(), log)
                  .migrate(before, target.name())
              : engine.migrate(before);
    } catch (ChartreuseException e) {
      status = DatabaseStatus.FAILED;
      error = e.getMessage();
      // What was committed before the failure (a non-transactional step) is reported as applied.
      List<String> attempted =
          e instanceof MigrationFailedException failed ? failed.appliedBeforeFailure() : List.of();
      result = new MigrationResult(attempted, List.of(), Duration.ZERO);
      try {
        after = engine.afterMigration(before);
      } catch (ChartreuseException unreadable) {
        log.warn(
            target.name()
                + ": cannot read the history after the failure ("
                + unreadable.getMessage()
                + "); the report lists what the engine says it applied");
      }
      throw e;
    }
    after = engine.afterMigration(before);
    if (!after.upToDate()) {
      status = DatabaseStatus.FAILED;
      error =
          "the engine reported success but "
              + after.pending().size()
              + " migration(s) are still pending";
      throw ChartreuseException.failed(target.name() + ": " + error);
    }
    status = DatabaseStatus.MIGRATED;
    SchemaSnapshot migrated = schema.store(lock.connection(), after.current());
    if (liveLockTimeout.isPresent()) {
      misclassified =
          VerdictCheck.contradictions(verdicts, schema.breakingSinceInspection(migrated));
      if (!misclassified.isEmpty()) {
        VerdictCheck.warn(target.name(), verdicts, misclassified, log);
      }
    }
    log.info(
        target.name()
            + ": migrated to "
            + after.current().orElse("<none>")
            + " ("
            + result.applied().size()
            + " applied)",
        Map.of("duration_ms", result.duration().toMillis()));
  }

  /**
   * Whether the schema moved from where it was before the run: the live schema compared with the
   * snapshot taken before migrating (a non-transactional step that committed a column counts), and
   * the version.
   */
  boolean schemaChanged() {
    boolean versionMoved = after != null && !after.current().equals(before.current());
    return schema.changedSinceInspection(lock.connection()) || versionMoved;
  }

  void fail(String message) {
    if (status != DatabaseStatus.FAILED) {
      error = message;
    }
  }

  DatabaseReport report() {
    return new DatabaseReport(
        target.name(),
        connections.url().display(),
        target.engine().toString(),
        status,
        Optional.ofNullable(before).flatMap(Inspection::current),
        Optional.ofNullable(after).flatMap(Inspection::current),
        Optional.ofNullable(after != null ? after : before).flatMap(Inspection::head),
        before == null ? List.of() : before.pending(),
        verdicts.stream()
            .map(
                v ->
                    new PendingVerdict(
                        v.version(), v.verdict().toString(), v.declared(), v.reasons()))
            .toList(),
        applied(),
        result == null ? List.of() : result.ungrouped(),
        before == null ? List.of() : before.problems(),
        schema == null ? List.of() : schema.drift().differences(),
        misclassified,
        Optional.ofNullable(error));
  }

  /**
   * What the history records as applied by this run, read back after it (never what was only
   * attempted): the pending migrations no longer pending, in run order.
   */
  private List<String> applied() {
    if (result == null) {
      return List.of();
    }
    if (after == null) {
      return result.applied();
    }
    Set<String> stillPending =
        after.pending().stream().map(PendingMigration::version).collect(Collectors.toSet());
    return before.pending().stream()
        .map(PendingMigration::version)
        .filter(version -> !stillPending.contains(version))
        .toList();
  }

  @Override
  public void close() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
