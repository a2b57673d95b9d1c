package io.chartreuse.config;

import java.util.Optional;

/**
 * One database to migrate: its name (the YAML key, or "default"), where it is, which engine owns
 * its history and how, whether an empty database may be migrated (the original's empty-database
 * rule), and whether its roles are waited for before migrating (the readiness probe: on for every
 * database, or for one by v6.1's {@code is_patroni_postgresql}).
 */
public record DatabaseTarget(
    String name,
    DatabaseUrl url,
    EngineKind engine,
    Optional<FlywaySettings> flyway,
    Optional<AlembicSettings> alembic,
    boolean allowEmptyDatabase,
    boolean readinessProbe) {

  public DatabaseTarget(
      String name,
      DatabaseUrl url,
      EngineKind engine,
      Optional<FlywaySettings> flyway,
      Optional<AlembicSettings> alembic,
      boolean allowEmptyDatabase) {
    this(name, url, engine, flyway, alembic, allowEmptyDatabase, false);
  }

  public DatabaseTarget withReadinessProbe() {
    return new DatabaseTarget(name, url, engine, flyway, alembic, allowEmptyDatabase, true);
  }
}
