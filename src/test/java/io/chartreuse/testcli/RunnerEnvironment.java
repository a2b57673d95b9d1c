package io.chartreuse.testcli;

import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment the chart would give the runner for one Flyway database, with credentials apart
 * from the URL.
 */
public final class RunnerEnvironment {
  private RunnerEnvironment() {}

  public static Map<String, String> flyway(TestDatabase database, MigrationFiles migrations) {
    Map<String, String> env = new HashMap<>();
    env.put("CHARTREUSE_DATABASE_URL", database.jdbcUrl());
    env.put("CHARTREUSE_DATABASE_USER", database.user());
    env.put("CHARTREUSE_DATABASE_PASSWORD", database.password());
    env.put("CHARTREUSE_FLYWAY_LOCATIONS", migrations.location());
    env.put("HELM_CHART_APP_VERSION", System.getProperty("chartreuse.version", "0.1.0"));
    env.put("CHARTREUSE_DATABASE_WAIT_TIMEOUT", "20");
    env.put("CHARTREUSE_LOCK_TIMEOUT", "60");
    return env;
  }

  /** {@code chartreuse run} for that database, with its password registered as a secret. */
  public static CliProcess run(
      TestDatabase database, MigrationFiles migrations, String... extraArgs) {
    String[] args = new String[extraArgs.length + 1];
    args[0] = "run";
    System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
    return CliProcess.of(args).env(flyway(database, migrations)).secret(database.password());
  }
}
