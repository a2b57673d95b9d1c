package io.chartreuse.live;

import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.LockHolder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * While a migration runs with the application up, asks PostgreSQL on a connection of its own who
 * blocks the migration's session ({@code pg_blocking_pids}), every 200 ms, and remembers the last
 * answer: once {@code lock_timeout} has cancelled the statement the wait is over and PostgreSQL no
 * longer knows.
 */
final class BlockerWatch implements AutoCloseable {
  private static final String BLOCKERS =
      "SELECT pid, application_name, xact_start, client_addr::text FROM pg_stat_activity"
          + " WHERE pid = ANY (pg_blocking_pids(?)) ORDER BY xact_start";
  private static final Duration EVERY = Duration.ofMillis(200);

  private final Thread thread;
  private volatile List<LockHolder> lastSeen = List.of();

  private BlockerWatch(ConnectionFactory connections, int sessionPid) {
    thread = new Thread(() -> watch(connections, sessionPid), "chartreuse-blocker-watch");
    thread.setDaemon(true);
    thread.start();
  }

  static BlockerWatch of(ConnectionFactory connections, int sessionPid) {
    return new BlockerWatch(connections, sessionPid);
  }

  /**
   * The sessions that last blocked the migration, oldest transaction first; empty if none was seen.
   */
  List<LockHolder> lastSeen() {
    return lastSeen;
  }

  private void watch(ConnectionFactory connections, int sessionPid) {
    try (Connection connection = connections.open(Duration.ofSeconds(10));
        PreparedStatement query = connection.prepareStatement(BLOCKERS)) {
      query.setInt(1, sessionPid);
      while (!Thread.currentThread().isInterrupted()) {
        List<LockHolder> seen = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            seen.add(
                new LockHolder(
                    rows.getInt(1),
                    rows.getString(2),
                    Optional.ofNullable(rows.getTimestamp(3)).map(java.sql.Timestamp::toInstant),
                    Optional.ofNullable(rows.getString(4)),
                    Optional.empty()));
          }
        }
        if (!seen.isEmpty()) {
          lastSeen = List.copyOf(seen);
        }
        Thread.sleep(EVERY.toMillis());
      }
    } catch (SQLException e) {
      // Without the watch the retry still works; the message then cannot name the blocker.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
