package io.chartreuse.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the whole test run: zonky's embedded PostgreSQL (it runs as root
 * here in a user namespace), or an external server given by CHARTREUSE_TEST_POSTGRES_URL ({@code
 * jdbc:postgresql://host:port/postgres?user=postgres&password=…}, a superuser). TCP connections of
 * ordinary roles need a password (scram), so wrong-password tests are real.
 */
public final class TestPostgres {
  private static TestPostgres instance;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final String host;
  private final int port;
  private final String adminUrl;

  private TestPostgres(String host, int port, String adminUrl) {
    this.host = host;
    this.port = port;
    this.adminUrl = adminUrl;
  }

  public static synchronized TestPostgres get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestPostgres start() {
    String external = System.getenv("CHARTREUSE_TEST_POSTGRES_URL");
    if (external != null && !external.isBlank()) {
      java.net.URI uri = java.net.URI.create(external.substring("jdbc:".length()));
      return new TestPostgres(uri.getHost(), uri.getPort(), external);
    }
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("password_encryption", "scram-sha-256")
              .setServerConfig("max_connections", "200")
              .setDataDirectoryCustomizer(TestPostgres::requirePasswords)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
      return new TestPostgres(
          "127.0.0.1",
          postgres.getPort(),
          "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "embedded PostgreSQL did not start; set CHARTREUSE_TEST_POSTGRES_URL to use another server",
          e);
    }
  }

  private static void requirePasswords(java.io.File dataDirectory) {
    try {
      Files.writeString(
          Path.of(dataDirectory.getPath(), "pg_hba.conf"),
          "local all all trust\n"
              + "host all postgres 127.0.0.1/32 trust\n"
              + "host all postgres ::1/128 trust\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // The JVM is exiting.
    }
  }

  /**
   * A new database owned by a new role with a password full of characters that need escaping in
   * URLs.
   */
  public TestDatabase createDatabase(String prefix) {
    int n = SEQUENCE.incrementAndGet();
    String name =
        (prefix + "_" + n + "_" + ProcessHandle.current().pid()).toLowerCase(java.util.Locale.ROOT);
    String password = "Pw-" + name + "/s3cr%t:@x";
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
      statement.execute("CREATE DATABASE " + name + " OWNER " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new TestDatabase(host, port, name, name, password);
  }

  public Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl);
  }

  /** A superuser connection to one test database (for setting up and checking state). */
  public Connection adminTo(TestDatabase database) throws SQLException {
    return DriverManager.getConnection(
        adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database.name() + "$1"));
  }
}
