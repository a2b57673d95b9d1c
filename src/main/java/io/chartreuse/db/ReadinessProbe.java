package io.chartreuse.db;

import io.chartreuse.config.ReadinessProbeSettings;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The original's Patroni wait with configurable roles: proves, in a transaction that is always
 * rolled back, that the owner role can create a table the writer can insert into and the reader can
 * read. It passes once an operator (postgres-operator, Patroni) has created the roles and default
 * privileges.
 */
public final class ReadinessProbe {
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final ConnectionFactory connections;
  private final ReadinessProbeSettings settings;
  private final Log log;
  private final Clock clock;

  public ReadinessProbe(
      ConnectionFactory connections, ReadinessProbeSettings settings, Log log, Clock clock) {
    this.connections = connections;
    this.settings = settings;
    this.log = log;
    this.clock = clock;
  }

  public void await() {
    Instant deadline = clock.instant().plus(settings.timeout());
    String lastError;
    while (true) {
      try {
        probeOnce();
        log.info(
            "roles "
                + settings.ownerRole()
                + ", "
                + settings.writerRole()
                + ", "
                + settings.readerRole()
                + " and their default privileges are ready on "
                + connections.url().display());
        return;
      } catch (SQLException e) {
        lastError = DatabaseWait.oneLine(e);
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new ChartreuseException(
            ExitCode.TIMEOUT,
            "roles and default privileges not ready on "
                + connections.url().display()
                + " after "
                + settings.timeout().toSeconds()
                + " s: "
                + lastError
                + "; check the PostgreSQL logs, then the operator that creates the roles");
      }
      log.info("waiting for roles and default privileges: " + lastError);
      DatabaseWait.sleep(RETRY_PAUSE);
    }
  }

  private void probeOnce() throws SQLException {
    try (Connection connection = connections.open(Duration.ofSeconds(5))) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET ROLE " + settings.ownerRole());
        statement.execute("CREATE TABLE _chartreuse_test_default_privileges(id serial)");
        statement.execute("SET ROLE " + settings.writerRole());
        statement.execute("INSERT INTO _chartreuse_test_default_privileges VALUES (1)");
        statement.execute("SET ROLE " + settings.readerRole());
        try (ResultSet rows =
            statement.executeQuery("SELECT id FROM _chartreuse_test_default_privileges")) {
          if (!rows.next() || rows.getInt(1) != 1) {
            throw new SQLException("the reader role does not see the writer's row");
          }
        }
      } finally {
        connection.rollback();
      }
    }
  }
}
