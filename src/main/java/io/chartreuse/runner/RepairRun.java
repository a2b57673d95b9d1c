package io.chartreuse.runner;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.EngineKind;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.DatabaseWait;
import io.chartreuse.db.MigrationLock;
import io.chartreuse.db.OrphanedStatements;
import io.chartreuse.db.SessionDataSource;
import io.chartreuse.engine.flyway.FlywayEngine;
import io.chartreuse.engine.flyway.HistoryRepair;
import io.chartreuse.log.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chartreuse repair}: for every Flyway database, under the same lock and waits as a run,
 * remove the history rows of failed migrations that are pending again, or with {@code realign} run
 * Flyway's repair. Returns one line per database for the report.
 */
public final class RepairRun {
  private final RunnerConfig config;
  private final String applicationName;
  private final Log log;
  private final Clock clock;

  public RepairRun(RunnerConfig config, String applicationName, Log log, Clock clock) {
    this.config = config;
    this.applicationName = applicationName;
    this.log = log;
    this.clock = clock;
  }

  public List<String> repair(boolean realign) {
    List<String> lines = new ArrayList<>();
    for (DatabaseTarget target : config.databases()) {
      if (target.engine() != EngineKind.FLYWAY) {
        lines.add(target.name() + ": alembic, nothing to repair (repair is for Flyway histories)");
        continue;
      }
      ConnectionFactory connections = new ConnectionFactory(target.url(), applicationName);
      try (MigrationLock.Held lock =
          new MigrationLock(connections, log, clock)
              .acquire(
                  new DatabaseWait(connections, log, clock).await(config.timeouts().databaseWait()),
                  config.timeouts().lock())) {
        new OrphanedStatements(connections, log, clock)
            .await(lock.connection(), config.timeouts().lock());
        FlywayEngine engine =
            new FlywayEngine(
                connections,
                new SessionDataSource(lock.connection()),
                target.flyway().orElseThrow(),
                log);
        lines.add(target.name() + ": " + describe(engine.repair(realign), realign));
      }
    }
    return lines;
  }

  private static String describe(HistoryRepair.Summary summary, boolean realign) {
    List<String> parts = new ArrayList<>();
    parts.add("removed failed rows: " + list(summary.removed()));
    if (realign) {
      parts.add("realigned to the files: " + list(summary.realigned()));
      parts.add("marked deleted (files gone): " + list(summary.markedDeleted()));
    }
    if (!summary.left().isEmpty()) {
      parts.add("left: " + String.join(", ", summary.left()));
    }
    return String.join("; ", parts);
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }
}
