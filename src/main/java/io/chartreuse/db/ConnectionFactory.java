package io.chartreuse.db;

import io.chartreuse.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens connections to one database with credentials passed as driver properties, never in a URL,
 * and a recognisable {@code application_name}, which is what a waiting runner shows about the lock
 * holder.
 */
public final class ConnectionFactory {
  private final DatabaseUrl url;
  private final String applicationName;

  public ConnectionFactory(DatabaseUrl url, String applicationName) {
    this.url = url;
    this.applicationName = applicationName;
  }

  public DatabaseUrl url() {
    return url;
  }

  public String applicationName() {
    return applicationName;
  }

  /** A DataSource for tools that open their own connections (Flyway). */
  public DataSource dataSource(Duration connectTimeout) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(url.jdbcUrl());
    if (url.user() != null) {
      source.setUser(url.user());
    }
    if (!url.password().isEmpty()) {
      source.setPassword(url.password().value());
    }
    source.setApplicationName(applicationName);
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toSeconds()));
    source.setConnectTimeout(seconds);
    source.setLoginTimeout(seconds);
    source.setTcpKeepAlive(true);
    return source;
  }

  public Connection open(Duration connectTimeout) throws SQLException {
    return dataSource(connectTimeout).getConnection();
  }
}
