package io.chartreuse.runner;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.engine.MigrationEngine;
import io.chartreuse.engine.alembic.AlembicEngine;
import io.chartreuse.engine.flyway.FlywayEngine;
import io.chartreuse.log.Log;
import javax.sql.DataSource;

/** Builds the engine that owns a database's history. */
public final class EngineFactory {
  private EngineFactory() {}

  /**
   * {@code session}: the run's locked session, which Flyway works on and Alembic's inspection reads
   * (its upgrade runs in its own process).
   */
  public static MigrationEngine create(
      DatabaseTarget target, ConnectionFactory connections, DataSource session, Log log) {
    return switch (target.engine()) {
      case FLYWAY -> new FlywayEngine(connections, session, target.flyway().orElseThrow(), log);
      case ALEMBIC -> new AlembicEngine(connections, session, target.alembic().orElseThrow(), log);
    };
  }
}
