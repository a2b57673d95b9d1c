package io.chartreuse.bench.flyway;

import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The Flyway baseline of bench/run-benchmark: what Flyway's command-line tool does for {@code migrate},
 * without the parts of it that Maven Central does not publish (see docs/benchmarks.md).
 *
 * <p>Arguments are Flyway's CLI arguments: every {@code -key=value} becomes the configuration property
 * {@code flyway.key=value}, which is how Flyway's CLI turns its arguments into a configuration, and the
 * operation ({@code migrate} or {@code info}) runs with Flyway's defaults for everything else
 * (validate on migrate, PostgreSQL transactional lock, one transaction per migration unless
 * {@code -group=true}).
 */
public final class FlywayCli {
  private FlywayCli() {}

  public static void main(String[] args) {
    Map<String, String> properties = new HashMap<>();
    String operation = null;
    for (String arg : args) {
      if (arg.startsWith("-") && arg.contains("=")) {
        int eq = arg.indexOf('=');
        properties.put("flyway." + arg.substring(1, eq), arg.substring(eq + 1));
      } else if (operation == null) {
        operation = arg;
      } else {
        usage("unexpected argument " + arg);
      }
    }
    if (operation == null) {
      usage("no operation");
    }
    Flyway flyway = Flyway.configure(FlywayCli.class.getClassLoader()).configuration(properties).load();
    switch (operation) {
      case "migrate" -> {
        MigrateResult result = flyway.migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        System.out.println("applied " + result.migrationsExecuted + " migration(s), schema at version "
            + (version == null ? "<none>" : version));
      }
      case "info" -> System.out.println("current version: " + flyway.info().current());
      default -> usage("unknown operation " + operation);
    }
  }

  private static void usage(String problem) {
    System.err.println(problem + "; usage: FlywayCli -url=... -user=... -password=... -locations=... [-group=true] migrate|info");
    System.exit(2);
  }
}
