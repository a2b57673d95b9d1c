package io.chartreuse.config;

import java.util.Optional;

/**
 * One database to migrate: its name (the YAML key, or "default"), where it is, which engine owns its
 * history and how, and whether an empty database may be migrated (the original's empty-database rule).
 */
public record DatabaseTarget(
    String name,
    DatabaseUrl url,
    EngineKind engine,
    Optional<FlywaySettings> flyway,
    Optional<AlembicSettings> alembic,
    boolean allowEmptyDatabase) {}
