package io.chartreuse.db;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After the lock is taken: waits (bounded) until no other chartreuse session of this database is
 * still executing a migration statement. A runner killed during a statement that cannot be rolled
 * back (CREATE INDEX CONCURRENTLY) leaves its backend running it to the end; migrating before it
 * ends would build the same index twice or fail on it. Lock polls and reads of other runners
 * ({@code SELECT}s) do not count.
 */
public final class OrphanedStatements {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
  private static final String ACTIVE =
      "SELECT pid, query, now() - query_start FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'"
          + " AND application_name LIKE 'chartreuse %' AND query !~* '^\\s*(select|show|set)\\M'";

  private final ConnectionFactory connections;
  private final Log log;
  private final Clock clock;

  public OrphanedStatements(ConnectionFactory connections, Log log, Clock clock) {
    this.connections = connections;
    this.log = log;
    this.clock = clock;
  }

  public void await(Connection session, Duration timeout) {
    Instant start = clock.instant();
    Instant nextReport = start;
    try {
      for (List<String> running = running(session);
          !running.isEmpty();
          running = running(session)) {
        Instant now = clock.instant();
        String what = String.join("; ", running);
        if (!now.isBefore(start.plus(timeout))) {
          throw new ChartreuseException(
              ExitCode.TIMEOUT,
              "a previous run's statement is still executing on "
                  + connections.url().display()
                  + ": "
                  + what
                  + "; waited "
                  + timeout.toSeconds()
                  + " s (CHARTREUSE_LOCK_TIMEOUT); run again when it has finished, or cancel it"
                  + " (SELECT pg_cancel_backend(pid)) and run again");
        }
        if (!now.isBefore(nextReport)) {
          log.info(
              "waiting for a statement of a previous run, which PostgreSQL finishes though its runner is gone: "
                  + what,
              Map.of(
                  "waited_s",
                  Duration.between(start, now).toSeconds(),
                  "timeout_s",
                  timeout.toSeconds()));
          nextReport = now.plus(REPORT_EVERY);
        }
        DatabaseWait.sleep(POLL);
      }
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot read pg_stat_activity on "
              + connections.url().display()
              + ": "
              + DatabaseWait.oneLine(e));
    }
  }

  private static List<String> running(Connection session) throws SQLException {
    List<String> running = new ArrayList<>();
    try (PreparedStatement statement = session.prepareStatement(ACTIVE);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        running.add(
            "pid "
                + rows.getInt(1)
                + " "
                + StatementHead.of(rows.getString(2)).orElse("(statement)")
                + " for "
                + rows.getString(3));
      }
    }
    return running;
  }
}
