package io.chartreuse.live;

import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.LockHolder;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.MigrationEngine;
import io.chartreuse.engine.MigrationFailedException;
import io.chartreuse.engine.MigrationResult;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Migrating with the application running: every statement of the migration may wait at most {@code
 * lock_timeout} for its lock, so that it never queues behind a long transaction with the
 * application's queries queued behind it. A migration cancelled that way changed nothing (it is one
 * transaction), so it is tried again after a growing pause, a bounded number of times, naming what
 * blocked it; then the run fails with exit 6 and the schema as it was.
 */
public final class LiveMigration {
  /** Attempts in all, and the pause before the second; it doubles each time (1, 2, 4, 8 s). */
  static final int ATTEMPTS = 5;

  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final String LOCK_TIMEOUT_SQLSTATE_TEXT = "lock timeout";

  private final MigrationEngine engine;
  private final Connection session;
  private final ConnectionFactory connections;
  private final Duration lockTimeout;
  private final Log log;

  /** {@code session}: the connection the engine migrates on (the run's locked session). */
  public LiveMigration(
      MigrationEngine engine,
      Connection session,
      ConnectionFactory connections,
      Duration lockTimeout,
      Log log) {
    this.engine = engine;
    this.session = session;
    this.connections = connections;
    this.lockTimeout = lockTimeout;
    this.log = log;
  }

  /** Migrates what {@code before} has pending; returns the result of the attempt that succeeded. */
  public MigrationResult migrate(Inspection before, String database) {
    List<String> outside =
        before.pending().stream()
            .filter(p -> !p.transactional())
            .map(PendingMigration::version)
            .toList();
    if (!outside.isEmpty()) {
      // A cancelled CREATE INDEX CONCURRENTLY leaves an invalid index behind: no retry can undo
      // that.
      log.warn(
          database
              + ": "
              + String.join(", ", outside)
              + " run(s) outside a transaction, where a statement cancelled by"
              + " lock_timeout could leave an invalid index: migrating without lock_timeout or retries");
      return engine.migrate(before);
    }
    Duration pause = FIRST_PAUSE;
    Inspection pending = before;
    for (int attempt = 1; ; attempt++) {
      List<LockHolder> blockers;
      try (BlockerWatch watch =
          BlockerWatch.of(connections, set("SET lock_timeout = " + lockTimeout.toMillis()))) {
        try {
          return engine.migrate(pending);
        } catch (MigrationFailedException e) {
          if (!e.getMessage().contains(LOCK_TIMEOUT_SQLSTATE_TEXT)) {
            throw e;
          }
          blockers = watch.lastSeen();
        }
      } finally {
        set("RESET lock_timeout");
      }
      String blocked =
          database
              + ": a statement waited more than "
              + lockTimeout.toMillis()
              + " ms for a lock"
              + (blockers.isEmpty()
                  ? " (the blocking session ended before it could be named)"
                  : " held by "
                      + blockers.stream()
                          .map(LockHolder::describe)
                          .collect(Collectors.joining(", ")));
      if (attempt == ATTEMPTS) {
        throw new ChartreuseException(
            ExitCode.TIMEOUT,
            blocked
                + "; gave up after "
                + ATTEMPTS
                + " attempts, nothing migrated by the last one; end that transaction or stop the application (CHARTREUSE_STOP_POLICY=always)");
      }
      log.warn(
          blocked
              + "; nothing changed, trying again in "
              + pause.toSeconds()
              + " s (attempt "
              + (attempt + 1)
              + " of "
              + ATTEMPTS
              + ")");
      sleep(pause);
      pause = pause.multipliedBy(2);
      pending = engine.inspect();
    }
  }

  /**
   * Runs a session setting; for SET, returns the session's backend pid (whose blockers are
   * watched).
   */
  private int set(String sql) {
    try (Statement statement = session.createStatement()) {
      statement.execute(sql);
      try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
        pid.next();
        return pid.getInt(1);
      }
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot set lock_timeout on " + connections.url().display() + ": " + e.getMessage());
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted while waiting to retry the migration");
    }
  }
}
