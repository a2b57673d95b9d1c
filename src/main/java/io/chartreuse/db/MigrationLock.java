package io.chartreuse.db;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One runner per database at a time: a session-scoped PostgreSQL advisory lock held on a dedicated
 * connection for the whole run (inspect, stop Deployments, migrate, start them). Session scope
 * because the critical section spans many transactions and minutes of Kubernetes work; if the
 * runner dies, the connection drops and PostgreSQL releases the lock (see docs/locking.md).
 */
public final class MigrationLock {
  /**
   * "chrt": the first key of the two-int advisory lock; the second is 0 (one migration per
   * database).
   */
  static final int NAMESPACE = 0x63687274;

  static final int KEY = 0;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final ConnectionFactory connections;
  private final Log log;
  private final Clock clock;

  public MigrationLock(ConnectionFactory connections, Log log, Clock clock) {
    this.connections = connections;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Acquires the lock on {@code connection}, waiting at most {@code timeout}; the returned handle
   * owns the connection from then on (also when acquiring fails) and closing it releases the lock.
   */
  public Held acquire(Connection connection, Duration timeout) {
    try {
      Instant start = clock.instant();
      Instant deadline = start.plus(timeout);
      Instant nextReport = start;
      while (!tryLock(connection)) {
        Optional<LockHolder> holder = holder(connection);
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
          throw new ChartreuseException(
              ExitCode.TIMEOUT,
              "another runner holds the migration lock on "
                  + connections.url().display()
                  + holder.map(h -> ": " + h.describe()).orElse("")
                  + "; waited "
                  + timeout.toSeconds()
                  + " s (CHARTREUSE_LOCK_TIMEOUT)");
        }
        if (!now.isBefore(nextReport)) {
          log.info(
              "waiting for the migration lock on "
                  + connections.url().display()
                  + holder.map(h -> ", held by " + h.describe()).orElse(""),
              Map.of(
                  "waited_s",
                  Duration.between(start, now).toSeconds(),
                  "timeout_s",
                  timeout.toSeconds()));
          nextReport = now.plus(REPORT_EVERY);
        }
        DatabaseWait.sleep(POLL);
      }
      log.debug("migration lock acquired on " + connections.url().display());
      return new Held(connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new ChartreuseException(
          ExitCode.ERROR,
          "cannot take the migration lock on "
              + connections.url().display()
              + ": "
              + DatabaseWait.oneLine(e));
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      statement.setInt(1, NAMESPACE);
      statement.setInt(2, KEY);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  /** The two-int form shows up in pg_locks as classid/objid with objsubid 2. */
  static Optional<LockHolder> holder(Connection connection) throws SQLException {
    String sql =
        "SELECT a.pid, a.application_name, a.backend_start, host(a.client_addr),"
            + " CASE WHEN a.state = 'active' THEN a.query END FROM pg_locks l"
            + " JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 2"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, Integer.toUnsignedLong(NAMESPACE));
      statement.setLong(2, KEY);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Timestamp since = rows.getTimestamp(3);
        return Optional.of(
            new LockHolder(
                rows.getInt(1),
                rows.getString(2),
                Optional.ofNullable(since).map(Timestamp::toInstant),
                Optional.ofNullable(rows.getString(4)),
                StatementHead.of(rows.getString(5))));
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // The lock dies with the connection; nothing else to undo.
    }
  }

  /** A held lock; closing it unlocks and closes the connection. */
  public static final class Held implements AutoCloseable {
    private final Connection connection;

    Held(Connection connection) {
      this.connection = connection;
    }

    /**
     * The session holding the lock; whoever uses it must leave it open (see {@link
     * SessionDataSource}).
     */
    public Connection connection() {
      return connection;
    }

    @Override
    public void close() {
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
        statement.setInt(1, NAMESPACE);
        statement.setInt(2, KEY);
        statement.execute();
      } catch (SQLException ignored) {
        // Closing the session below releases it anyway.
      } finally {
        closeQuietly(connection);
      }
    }
  }
}
