package io.chartreuse.testdb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** One test database and its owner's credentials. */
public record TestDatabase(String host, int port, String name, String user, String password) {
  /** A libpq-style URL with the credentials in it, as users often configure. */
  public String urlWithCredentials() {
    return "postgresql://"
        + encode(user)
        + ":"
        + encode(password)
        + "@"
        + host
        + ":"
        + port
        + "/"
        + name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
