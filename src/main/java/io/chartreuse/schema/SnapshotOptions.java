package io.chartreuse.schema;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a snapshot covers: the named schemas, or every schema but PostgreSQL's own ({@code pg_*},
 * {@code information_schema}); and which tables are left out by name, in any schema (migration
 * history tables and chartreuse's own), with everything that lives on them.
 */
public record SnapshotOptions(Optional<List<String>> schemas, Set<String> excludedTables) {
  /** The history tables of Flyway and Alembic, and the table where chartreuse stores snapshots. */
  public static final Set<String> TOOL_TABLES =
      Set.of("flyway_schema_history", "alembic_version", "chartreuse_schema_snapshot");

  public SnapshotOptions {
    schemas = schemas.map(List::copyOf);
    excludedTables = Set.copyOf(excludedTables);
  }

  /** Every non-system schema, without the tools' tables. */
  public static SnapshotOptions allSchemas() {
    return new SnapshotOptions(Optional.empty(), TOOL_TABLES);
  }

  /** Only the given schemas, without the tools' tables. */
  public static SnapshotOptions schemas(List<String> schemas) {
    return new SnapshotOptions(Optional.of(schemas), TOOL_TABLES);
  }
}
