package io.chartreuse.testalembic;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs chartreuse against a test's Alembic project, and the installation's own Alembic CLI for
 * comparison.
 */
public final class AlembicRun {
  private AlembicRun() {}

  /**
   * The environment of a runner for {@code database}: JDBC URL with the credentials apart, as the
   * chart gives them.
   */
  public static Map<String, String> environment(
      AlembicInstallation installation, AlembicProject project, TestDatabase database) {
    Map<String, String> env = new HashMap<>();
    // The driver the user has: SQLAlchemy 2.1 would pick psycopg 3 for a plain postgresql:// URL.
    env.put(
        "CHARTREUSE_DATABASE_URL",
        "postgresql+psycopg2://" + database.host() + ":" + database.port() + "/" + database.name());
    env.put("CHARTREUSE_DATABASE_USER", database.user());
    env.put("CHARTREUSE_DATABASE_PASSWORD", database.password());
    env.put("CHARTREUSE_ENGINE", "alembic");
    env.put("CHARTREUSE_ALEMBIC_DIRECTORY_PATH", project.directory().toString());
    env.put("CHARTREUSE_PYTHON", installation.python());
    env.put("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"));
    env.put("CHARTREUSE_DATABASE_WAIT_TIMEOUT", "20");
    return env;
  }

  public static CliProcess chartreuse(
      AlembicInstallation installation,
      AlembicProject project,
      TestDatabase database,
      String... args) {
    return CliProcess.of(args)
        .env(environment(installation, project, database))
        .secret(database.password())
        .secret(encode(database.password()));
  }

  /** A SQLAlchemy URL with the credentials in it, for {@code dialect} ("postgresql+psycopg2"). */
  public static String sqlalchemyUrl(TestDatabase database, String dialect) {
    return dialect
        + "://"
        + encode(database.user())
        + ":"
        + encode(database.password())
        + "@"
        + database.host()
        + ":"
        + database.port()
        + "/"
        + database.name();
  }

  /**
   * Alembic's own command line ({@code python -m alembic}) on the project, the URL in the
   * environment.
   */
  public static String alembic(
      AlembicInstallation installation,
      AlembicProject project,
      TestDatabase database,
      String... args) {
    java.util.List<String> command =
        new java.util.ArrayList<>(java.util.List.of(installation.python(), "-m", "alembic"));
    command.addAll(java.util.List.of(args));
    return python(command, project, database);
  }

  /**
   * A Python program run with the installation's interpreter in the project (to ask Alembic's API
   * directly).
   */
  public static String program(
      AlembicInstallation installation, AlembicProject project, String source) {
    return python(java.util.List.of(installation.python(), "-c", source), project, null);
  }

  private static String python(
      java.util.List<String> command, AlembicProject project, TestDatabase database) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.directory().toFile())
            .redirectErrorStream(true);
    if (database != null) {
      builder
          .environment()
          .put(AlembicProject.URL_VARIABLE, sqlalchemyUrl(database, "postgresql+psycopg2"));
    }
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new AssertionError(command.subList(1, command.size()) + " failed:\n" + output);
      }
      return output;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
