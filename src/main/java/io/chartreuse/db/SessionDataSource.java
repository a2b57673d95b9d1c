package io.chartreuse.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lends the run's one session connection (the one holding the migration lock) to a tool that asks a
 * DataSource for connections, Flyway. Each connection in a fresh JVM costs a TCP and SCRAM
 * handshake (30-150 ms); lending the session makes a no-op run use one connection instead of three.
 * The tool's {@code close()} is ignored: the session, and with it the lock, lives until the run
 * releases the lock.
 */
public final class SessionDataSource implements DataSource {
  private final Connection session;

  public SessionDataSource(Connection session) {
    this.session = session;
  }

  @Override
  public Connection getConnection() {
    InvocationHandler lend =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "close" -> null;
              case "isClosed" -> session.isClosed();
              case "unwrap" ->
                  ((Class<?>) args[0]).isInstance(proxy)
                      ? proxy
                      : session.unwrap((Class<?>) args[0]);
              case "isWrapperFor" ->
                  ((Class<?>) args[0]).isInstance(proxy)
                      || session.isWrapperFor((Class<?>) args[0]);
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "toString" -> "lent " + session;
              default -> invoke(method, args);
            };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, lend);
  }

  private Object invoke(java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(session, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the run's session connection has fixed credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
