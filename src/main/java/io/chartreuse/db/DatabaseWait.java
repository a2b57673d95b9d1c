package io.chartreuse.db;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Waits, bounded, until the database accepts a connection and answers a query. Replaces the
 * original chart's init container that looped forever. A wrong password is not worth waiting for:
 * it fails at once.
 */
public final class DatabaseWait {
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
  private static final String INVALID_PASSWORD = "28P01";

  private final ConnectionFactory connections;
  private final Log log;
  private final Clock clock;

  public DatabaseWait(ConnectionFactory connections, Log log, Clock clock) {
    this.connections = connections;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Returns the first connection that answered a query, open: the run keeps it as its session
   * (lock, inspection, migration). Throws exit 6 with the host and last error when {@code timeout}
   * passes.
   */
  public Connection await(Duration timeout) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Instant nextReport = start;
    int attempt = 0;
    String lastError;
    while (true) {
      attempt++;
      Duration remaining = Duration.between(clock.instant(), deadline);
      try {
        Connection connection = answering(connections.open(clamp(remaining)));
        if (attempt > 1) {
          log.info(
              "database " + connections.url().display() + " is ready", Map.of("attempts", attempt));
        }
        return connection;
      } catch (SQLException e) {
        if (INVALID_PASSWORD.equals(e.getSQLState())) {
          throw new ChartreuseException(
              ExitCode.ERROR,
              "authentication failed for user "
                  + connections.url().user()
                  + " on "
                  + connections.url().display()
                  + ": check the database password (CHARTREUSE_DATABASE_PASSWORD or the URL's credentials)");
        }
        lastError = oneLine(e);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new ChartreuseException(
            ExitCode.TIMEOUT,
            "database "
                + connections.url().display()
                + " not ready after "
                + timeout.toSeconds()
                + " s (CHARTREUSE_DATABASE_WAIT_TIMEOUT): "
                + lastError);
      }
      if (!now.isBefore(nextReport)) {
        log.info(
            "waiting for database " + connections.url().display() + ": " + lastError,
            Map.of(
                "waited_s",
                Duration.between(start, now).toSeconds(),
                "timeout_s",
                timeout.toSeconds()));
        nextReport = now.plus(REPORT_EVERY);
      }
      sleep(min(RETRY_PAUSE, Duration.between(now, deadline)));
    }
  }

  /** The connection if it answers a query; closed otherwise. */
  private static Connection answering(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private static Duration clamp(Duration remaining) {
    return min(Duration.ofSeconds(10), remaining.isNegative() ? Duration.ofSeconds(1) : remaining);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline >= 0 ? message.substring(0, newline) : message;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(Math.max(0, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChartreuseException(ExitCode.ERROR, "interrupted while waiting");
    }
  }
}
